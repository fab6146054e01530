import * as assert from 'node:assert/strict';
import { readOpenAiPreference } from '../../../src/core/convert/preference';
import { readExampleConversation } from '../../../src/core/playground/exampleConversation';
import {
  checkSavedExample,
  exampleFromSave,
  exampleLine,
  type ExampleToSave,
  type SaveTarget,
} from '../../../src/core/playground/savedExample';
import { detectLinesFormat } from '../../../src/core/playground/targetFormat';
import type { SaveExampleParams } from '../../../src/protocol/playground';

const chat = {
  kind: 'chat',
  systemPrompt: 'You are terse.',
  turns: [
    { role: 'user', content: 'Capital of France?' },
    { role: 'assistant', content: 'Paris.' },
    { role: 'user', content: 'And of Italy?' },
    { role: 'assistant', content: 'Rome.' },
  ],
} satisfies SaveExampleParams;

const preference = {
  kind: 'preference',
  systemPrompt: 'You are terse.',
  turns: [{ role: 'user', content: 'Capital of France?' }],
  preferred: 'Paris.',
  nonPreferred: 'The capital of France is, as far as I know, Paris.',
} satisfies SaveExampleParams;

const newFile: SaveTarget = { fileName: 'new.jsonl', format: undefined };
const chatFile: SaveTarget = { fileName: 'train.jsonl', format: 'chat' };
const preferenceFile: SaveTarget = { fileName: 'dpo.jsonl', format: 'preference' };

describe('saved example: conversation → dataset example', () => {
  it('writes a chat example in OpenAI chat format, system prompt first', () => {
    assert.deepEqual(exampleFromSave(chat), {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And of Italy?' },
        { role: 'assistant', content: 'Rome.' },
      ],
    });
  });

  it('writes a preference example in OpenAI DPO format', () => {
    assert.deepEqual(exampleFromSave(preference), {
      input: {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Capital of France?' },
        ],
      },
      preferred_output: [{ role: 'assistant', content: 'Paris.' }],
      non_preferred_output: [{ role: 'assistant', content: 'The capital of France is, as far as I know, Paris.' }],
    });
  });

  it('leaves out a blank system prompt, but keeps a non-blank one exactly', () => {
    for (const systemPrompt of ['', '  \n\t']) {
      assert.deepEqual(exampleFromSave({ ...chat, systemPrompt }), {
        messages: exampleFromSave(chat).messages.slice(1),
      });
      const dpo = exampleFromSave({ ...preference, systemPrompt });
      assert.deepEqual(dpo.input.messages, [{ role: 'user', content: 'Capital of France?' }]);
    }
    const kept = exampleFromSave({ ...chat, systemPrompt: '  Be brief.\n' });
    assert.deepEqual(kept.messages[0], { role: 'system', content: '  Be brief.\n' });
  });

  it('is one line of JSON, whatever the text holds, with no character an editor takes for a line break', () => {
    const text = 'two\nlines\r\nand "quotes" \u2028 \u2029 é 🙂';
    const line = exampleLine({
      kind: 'chat',
      systemPrompt: '',
      turns: [
        { role: 'user', content: text },
        { role: 'assistant', content: 'ok' },
      ],
    });
    assert.doesNotMatch(line, /[\r\n\u2028\u2029]/);
    assert.match(line, /\\u2028 \\u2029/);
    assert.equal((JSON.parse(line) as { messages: { content: string }[] }).messages[0]?.content, text);
  });
});

describe('saved example: dataset example → conversation (round trip)', () => {
  /** Reads a saved line back into what the playground had, with only JSON.parse. */
  function conversationOf(line: string): ExampleToSave {
    const value = JSON.parse(line) as Record<string, unknown>;
    type Message = { role: 'system' | 'user' | 'assistant'; content: string };
    const split = (messages: Message[]) => ({
      systemPrompt: messages[0]?.role === 'system' ? messages[0].content : '',
      turns: messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
    });
    if ('messages' in value) return { kind: 'chat', ...split(value['messages'] as Message[]) };
    const input = value['input'] as { messages: Message[] };
    return {
      kind: 'preference',
      ...split(input.messages),
      preferred: (value['preferred_output'] as Message[])[0]!.content,
      nonPreferred: (value['non_preferred_output'] as Message[])[0]!.content,
    };
  }

  it('gives back the same chat conversation, odd characters included', () => {
    const odd: SaveExampleParams = {
      ...chat,
      turns: [
        { role: 'user', content: 'line one\nline two\t"quoted" \\ back\u2028slash é 🙂 \u0000' },
        { role: 'assistant', content: '```py\nprint(1)\n```' },
      ],
    };
    assert.deepEqual(conversationOf(exampleLine(chat)), chat);
    assert.deepEqual(conversationOf(exampleLine(odd)), odd);
  });

  it('gives back the same preference pair, also through the converter that reads OpenAI preference lines', () => {
    assert.deepEqual(conversationOf(exampleLine(preference)), preference);
    const pair = readOpenAiPreference(JSON.parse(exampleLine(preference)));
    assert.ok(typeof pair !== 'string', typeof pair === 'string' ? pair : '');
    assert.deepEqual(pair.input, [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    assert.deepEqual(pair.chosen, { role: 'assistant', content: 'Paris.' });
    assert.deepEqual(pair.rejected, { role: 'assistant', content: preference.nonPreferred });
    assert.deepEqual(pair.droppedFields, []);
  });

  it('opens again in the playground as the same conversation, its saved reply as the reference', () => {
    assert.deepEqual(readExampleConversation(exampleLine(chat)), {
      systemPrompt: chat.systemPrompt,
      turns: chat.turns.slice(0, -1),
      reference: 'Rome.',
    });
    assert.deepEqual(readExampleConversation(exampleLine({ ...preference, systemPrompt: '' })), {
      systemPrompt: '',
      turns: preference.turns,
      reference: preference.preferred,
    });
  });
});

describe('saved example: validation before the append', () => {
  it('accepts valid examples into a new file and into a file of their format', () => {
    assert.deepEqual(checkSavedExample(chat, newFile), []);
    assert.deepEqual(checkSavedExample(chat, chatFile), []);
    assert.deepEqual(checkSavedExample(preference, newFile), []);
    assert.deepEqual(checkSavedExample(preference, preferenceFile), []);
  });

  it('refuses a chat example for a preference file and the other way round, naming the file', () => {
    assert.deepEqual(checkSavedExample(chat, preferenceFile), [
      {
        code: 'ft.mixed-formats',
        severity: 'error',
        message:
          'dpo.jsonl holds preference (DPO) examples. A chat example does not belong there: pick a chat (supervised fine-tuning) file or a new one.',
      },
    ]);
    const [problem] = checkSavedExample(preference, chatFile);
    assert.equal(problem?.severity, 'error');
    assert.equal(
      problem?.message,
      'train.jsonl holds chat (supervised fine-tuning) examples. A preference (DPO) example does not belong there: pick a preference (DPO) file or a new one.',
    );
    for (const format of ['rft', 'completion'] as const) {
      assert.equal(checkSavedExample(chat, { fileName: 'x.jsonl', format })[0]?.code, 'ft.mixed-formats');
    }
  });

  it("refuses a file in another tool's layout", () => {
    const alpaca = detectLinesFormat(2, () => '{"instruction":"Say hi","input":"","output":"Hi"}');
    const [problem] = checkSavedExample(chat, { fileName: 'alpaca.jsonl', ...alpaca });
    assert.equal(problem?.code, 'ft.other-format');
    assert.match(problem.message, /^alpaca\.jsonl is in another tool's layout, Alpaca .*: convert the file first/);
  });

  it('reports what the validation core flags, naming the part of the example: an empty reply is an error', () => {
    const empty: SaveExampleParams = {
      ...chat,
      turns: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
      ],
    };
    assert.deepEqual(checkSavedExample(empty, chatFile), [
      { code: 'ft.missing-content', severity: 'error', message: 'The reply: Content is empty' },
    ]);
    const blankTurn: SaveExampleParams = { ...chat, turns: [{ role: 'user', content: '  ' }, ...chat.turns.slice(1)] };
    assert.deepEqual(checkSavedExample(blankTurn, chatFile), [
      { code: 'ft.blank-content', severity: 'warning', message: 'Turn 1 (user): Content is only whitespace' },
    ]);
  });

  it('reports the preference checks: an empty reply blocks, identical replies warn', () => {
    assert.deepEqual(checkSavedExample({ ...preference, nonPreferred: '' }, preferenceFile), [
      { code: 'ft.missing-content', severity: 'error', message: 'The other reply: Content is empty' },
    ]);
    assert.deepEqual(checkSavedExample({ ...preference, nonPreferred: 'Paris.' }, preferenceFile), [
      {
        code: 'ft.identical-preference',
        severity: 'warning',
        message: 'The other reply: Preferred and non-preferred outputs are identical, so the pair teaches nothing',
      },
    ]);
  });

  it('refuses a chat without a reply to keep and a preference input that does not end with a question', () => {
    const unanswered: SaveExampleParams = { ...chat, turns: chat.turns.slice(0, 3) };
    assert.equal(checkSavedExample(unanswered, chatFile)[0]?.code, 'save.no-reply');
    assert.equal(checkSavedExample({ ...chat, turns: [] }, chatFile)[0]?.code, 'save.no-reply');
    const answered: SaveExampleParams = { ...preference, turns: chat.turns.slice(0, 2) };
    assert.deepEqual(
      checkSavedExample(answered, preferenceFile).map((p) => [p.code, p.severity]),
      [['save.no-prompt', 'error']],
    );
  });

  it("applies the user's severities: off hides a problem, error makes a warning block", () => {
    const blankTurn: SaveExampleParams = { ...chat, turns: [{ role: 'user', content: ' ' }, ...chat.turns.slice(1)] };
    assert.deepEqual(checkSavedExample(blankTurn, chatFile, { 'ft.blank-content': 'off' }), []);
    assert.equal(checkSavedExample(blankTurn, chatFile, { 'ft.blank-content': 'error' })[0]?.severity, 'error');
  });

  it('lists errors before warnings', () => {
    const both: SaveExampleParams = {
      kind: 'chat',
      systemPrompt: '',
      turns: [
        { role: 'user', content: ' ' },
        { role: 'assistant', content: '' },
      ],
    };
    assert.deepEqual(
      checkSavedExample(both, chatFile).map((p) => p.severity),
      ['error', 'warning'],
    );
  });
});

describe('saved example: the target file format', () => {
  const lines = (...texts: string[]) => detectLinesFormat(texts.length, (i) => texts[i]!);

  it('detects the format of existing lines as the editor does, and none for an empty file', () => {
    assert.deepEqual(lines(exampleLine(chat), exampleLine(chat)), { format: 'chat', other: undefined });
    assert.deepEqual(lines('', exampleLine(preference)), { format: 'preference', other: undefined });
    assert.deepEqual(lines(''), { format: undefined, other: undefined });
    assert.deepEqual(lines('{"broken'), { format: undefined, other: undefined });
  });
});
