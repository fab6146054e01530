import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { BatchPrompt, PromptTurn } from '../../../src/core/batch/batchTypes';
import { promptKey, readPrompts, type PromptSkip, type ReadPromptsOptions } from '../../../src/core/batch/promptSource';
import { FileError } from '../../../src/core/io/fileErrors';
import { TempFolder } from '../curate/tempFiles';

const system = (content: unknown) => ({ role: 'system', content });
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const jsonl = (...values: unknown[]) => values.map((value) => JSON.stringify(value)).join('\n') + '\n';
const turn = (role: PromptTurn['role'], content: string): PromptTurn => ({ role, content });

/** A prompt as readPrompts gives it, its key computed from its turns. */
function expected(index: number, source: string, turns: PromptTurn[], reference?: string): BatchPrompt {
  const prompt = { index, source, key: promptKey(turns), turns };
  return reference === undefined ? prompt : { ...prompt, reference };
}

const skipped = (source: string, reason: string): PromptSkip => ({ skipped: true, source, reason });

describe('readPrompts', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  async function read(
    content: string | Uint8Array,
    name: string,
    options: ReadPromptsOptions = {},
  ): Promise<(BatchPrompt | PromptSkip)[]> {
    const items: (BatchPrompt | PromptSkip)[] = [];
    for await (const item of readPrompts(temp.file(content, name), options)) items.push(item);
    return items;
  }

  describe('chat JSONL', () => {
    it('takes the conversation up to the last user turn as the prompt and the last answer as the reference', async () => {
      const items = await read(
        jsonl(
          { messages: [system('Be brief.'), user('Hi'), assistant('Hello!'), user('Bye?'), assistant('Bye.')] },
          { messages: [user('Only a question')] },
        ),
        'data.jsonl',
      );
      assert.deepEqual(items, [
        expected(
          0,
          'line 1',
          [turn('system', 'Be brief.'), turn('user', 'Hi'), turn('assistant', 'Hello!'), turn('user', 'Bye?')],
          'Bye.',
        ),
        expected(1, 'line 2', [turn('user', 'Only a question')]),
      ]);
    });

    it('reads preference lines, with the preferred output as the reference', async () => {
      const line = {
        input: { messages: [system('S'), user('Which?')] },
        preferred_output: [assistant('This one.')],
        non_preferred_output: [assistant('That one.')],
      };
      assert.deepEqual(await read(jsonl(line), 'prefs.jsonl'), [
        expected(0, 'line 1', [turn('system', 'S'), turn('user', 'Which?')], 'This one.'),
      ]);
    });

    it('reports each line that cannot be a prompt with its 1-based line number, and numbers prompts only', async () => {
      const text = [
        JSON.stringify({ messages: [user('a'), assistant('A')] }),
        '{"messages": [',
        '',
        '   ',
        JSON.stringify({ messages: [system('only a system prompt')] }),
        JSON.stringify({ messages: [user('x'), assistant('y'), assistant('z')] }),
        JSON.stringify({
          messages: [user('weather?'), { role: 'assistant', tool_calls: [{ id: '1' }], content: null }],
        }),
        JSON.stringify({ messages: [user([{ type: 'image_url', image_url: { url: 'http://x/y.png' } }])] }),
        JSON.stringify({ messages: [user('q')], tools: [{ type: 'function' }] }),
        JSON.stringify({ prompt: 'p', completion: 'c' }),
        JSON.stringify({ messages: [user('b')] }),
      ].join('\n');
      const items = await read(text, 'data.jsonl', { format: 'chat' });
      assert.deepEqual(items, [
        expected(0, 'line 1', [turn('user', 'a')], 'A'),
        skipped('line 2', `it is not valid JSON (${jsonError('{"messages": [')})`),
        skipped('line 5', 'it has no user message'),
        skipped('line 6', 'its last two messages are both from the assistant; a batch run answers a user message'),
        skipped('line 7', 'tool calls are not supported in a batch run yet'),
        skipped('line 8', 'message 1 has an image; images are not supported in a batch run yet'),
        skipped('line 9', 'it defines tools; tools are not supported in a batch run yet'),
        skipped('line 10', 'it is a prompt/completion example; a batch run opens chat and preference examples'),
        expected(1, 'line 11', [turn('user', 'b')]),
      ]);
    });

    it('reads CRLF lines, a byte order mark, and reports a line that is not UTF-8', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${JSON.stringify({ messages: [user('é')] })}\r\n`),
        Buffer.from('{"messages":[{"role":"user","content":"'),
        Buffer.from([0xff]),
        Buffer.from('"}]}\r\n'),
        Buffer.from(JSON.stringify({ messages: [user('last')] })),
      ]);
      assert.deepEqual(await read(bytes, 'data.jsonl'), [
        expected(0, 'line 1', [turn('user', 'é')]),
        skipped('line 2', 'it is not valid UTF-8'),
        expected(1, 'line 3', [turn('user', 'last')]),
      ]);
    });

    it('streams a file of many chunks with exact line numbers', async () => {
      const lines = Array.from({ length: 30_000 }, (_, i) =>
        JSON.stringify({ messages: [user(`question ${i} ${'x'.repeat(40)}`), assistant(`answer ${i}`)] }),
      );
      const items = await read(lines.join('\n') + '\n', 'big.jsonl');
      assert.equal(items.length, 30_000);
      assert.deepEqual(
        items[29_999],
        expected(29_999, 'line 30000', [turn('user', `question 29999 ${'x'.repeat(40)}`)], 'answer 29999'),
      );
    });
  });

  describe('prompts JSONL', () => {
    it('takes the first text field of prompt, question, input, text, or a bare string, as one user turn', async () => {
      const items = await read(
        jsonl(
          { prompt: 'P', question: 'not this' },
          { question: 'Q' },
          { input: 'I' },
          { text: 'T', answer: 'A' },
          'S',
          { id: 7, prompt: 'P2', reference: 'R', completion: 'not this' },
          { prompt: 'P3', completion: 'C' },
        ),
        'prompts.jsonl',
      );
      assert.deepEqual(items, [
        expected(0, 'line 1', [turn('user', 'P')]),
        expected(1, 'line 2', [turn('user', 'Q')]),
        expected(2, 'line 3', [turn('user', 'I')]),
        expected(3, 'line 4', [turn('user', 'T')], 'A'),
        expected(4, 'line 5', [turn('user', 'S')]),
        expected(5, 'line 6', [turn('user', 'P2')], 'R'),
        expected(6, 'line 7', [turn('user', 'P3')], 'C'),
      ]);
    });

    it('reads chat and preference lines among plain prompts', async () => {
      const items = await read(
        jsonl(
          { prompt: 'first' },
          { messages: [user('chat'), assistant('ref')] },
          { input: { messages: [user('pref')] }, preferred_output: [assistant('good')] },
        ),
        'mixed.jsonl',
      );
      assert.deepEqual(items, [
        expected(0, 'line 1', [turn('user', 'first')]),
        expected(1, 'line 2', [turn('user', 'chat')], 'ref'),
        expected(2, 'line 3', [turn('user', 'pref')], 'good'),
      ]);
    });

    it('uses the fields the caller names, also on lines with messages', async () => {
      const items = await read(
        jsonl(
          { q: 'named', gold: 'G', prompt: 'not this' },
          { messages: [user('m')] },
          { q: 42 },
          { q: '  ' },
          { q: 'no gold' },
        ),
        'named.jsonl',
        { column: 'q', referenceColumn: 'gold' },
      );
      assert.deepEqual(items, [
        expected(0, 'line 1', [turn('user', 'named')], 'G'),
        skipped('line 2', 'it has no "q" field'),
        skipped('line 3', 'its "q" is not a string'),
        skipped('line 4', 'its "q" is empty'),
        expected(1, 'line 5', [turn('user', 'no gold')]),
      ]);
    });

    it('reports lines that hold no prompt', async () => {
      const text = ['{"id": 1}', '[1, 2]', '12', '""', 'not json', '{"prompt": ["a"]}'].join('\n');
      assert.deepEqual(await read(text, 'bad.jsonl', { format: 'prompts' }), [
        skipped('line 1', 'it has no "messages" and no prompt text ("prompt", "question", "input", "text")'),
        skipped('line 2', 'it is neither a JSON object nor a JSON string'),
        skipped('line 3', 'it is neither a JSON object nor a JSON string'),
        skipped('line 4', 'the prompt is empty'),
        skipped('line 5', `it is not valid JSON (${jsonError('not json')})`),
        skipped('line 6', 'its "prompt" is not a string'),
      ]);
    });
  });

  describe('format detection', () => {
    it('reads a file whose first non-blank line has messages as chat: a later prompt line is refused', async () => {
      const text = `\n  \n${jsonl({ messages: [user('a')] }, { prompt: 'p' })}`;
      assert.deepEqual(await read(text, 'data.jsonl'), [
        expected(0, 'line 3', [turn('user', 'a')]),
        skipped('line 4', 'it is a prompt/completion example; a batch run opens chat and preference examples'),
      ]);
    });

    it('reads a file whose first line is a preference example as chat', async () => {
      const text = jsonl({ input: { messages: [user('a')] }, preferred_output: [assistant('b')] }, { text: 't' });
      assert.deepEqual(await read(text, 'data.jsonl'), [
        expected(0, 'line 1', [turn('user', 'a')], 'b'),
        skipped('line 2', 'it is not a chat or preference example'),
      ]);
    });

    it('reads a file whose first line is a prompt (a text "input" too) as prompts', async () => {
      const text = jsonl({ input: 'a question' }, { messages: [user('m')] }, { prompt: 'p' });
      assert.deepEqual(await read(text, 'data.jsonl'), [
        expected(0, 'line 1', [turn('user', 'a question')]),
        expected(1, 'line 2', [turn('user', 'm')]),
        expected(2, 'line 3', [turn('user', 'p')]),
      ]);
    });

    it('reads prompts when the caller names a column, whatever the first line', async () => {
      const text = jsonl({ messages: [user('m')], q: 'named' });
      assert.deepEqual(await read(text, 'data.jsonl', { column: 'q' }), [
        expected(0, 'line 1', [turn('user', 'named')]),
      ]);
    });

    it('reads .csv and .tsv files as CSV, and other names as CSV when told', async () => {
      const csv = 'prompt,reference\nhello,hi\n';
      const want = [expected(0, 'row 2', [turn('user', 'hello')], 'hi')];
      assert.deepEqual(await read(csv, 'data.CSV'), want);
      assert.deepEqual(await read('prompt\treference\nhello\thi\n', 'data.tsv'), want);
      assert.deepEqual(await read(csv, 'data.txt', { format: 'csv' }), want);
    });
  });

  describe('CSV', () => {
    it('takes the first of prompt/question/input/text (any case) and reference/answer/expected', async () => {
      const text = 'id,Question,Text,Answer\n1,What is 2+2?,ignored,4\n2,Why?,ignored,\n';
      assert.deepEqual(await read(text, 'q.csv'), [
        expected(0, 'row 2', [turn('user', 'What is 2+2?')], '4'),
        expected(1, 'row 3', [turn('user', 'Why?')]),
      ]);
    });

    it('uses the columns the caller names', async () => {
      const text = 'a,b,prompt\nask this,gold,not this\n';
      assert.deepEqual(await read(text, 'q.csv', { column: 'a', referenceColumn: 'B' }), [
        expected(0, 'row 2', [turn('user', 'ask this')], 'gold'),
      ]);
    });

    it('numbers rows by the line they start on, reads quoted cells across lines, and reports empty and broken rows', async () => {
      const text = [
        'prompt,expected',
        '"first line',
        'second line, with a comma",ok',
        '',
        ',no prompt here',
        'short',
        'last,"one"',
        '"open, never closed',
      ].join('\r\n');
      const items = await read(text, 'q.csv');
      assert.deepEqual(items, [
        expected(0, 'row 2', [turn('user', 'first line\r\nsecond line, with a comma')], 'ok'),
        skipped('row 5', 'its "prompt" cell is empty'),
        expected(1, 'row 6', [turn('user', 'short')]),
        expected(2, 'row 7', [turn('user', 'last')], 'one'),
        skipped('row 8', 'malformed CSV: a quote opens a cell on this line and is never closed'),
      ]);
    });

    it('sniffs a semicolon delimiter in a .csv file', async () => {
      const text = 'prompt;answer\n"Hello, you";hi\nBye;bye\n';
      assert.deepEqual(await read(text, 'eu.csv'), [
        expected(0, 'row 2', [turn('user', 'Hello, you')], 'hi'),
        expected(1, 'row 3', [turn('user', 'Bye')], 'bye'),
      ]);
    });

    it('refuses a file without the prompt column, naming the file and its columns', async () => {
      const path = temp.file('id,body\n1,x\n', 'q.csv');
      await assert.rejects(
        drain(readPrompts(path)),
        (error: unknown) =>
          error instanceof FileError &&
          error.message ===
            `${path} has no prompt column ("prompt", "question", "input", "text") in its header row; its columns are "id", "body".`,
      );
      await assert.rejects(drain(readPrompts(path, { column: 'q' })), {
        message: `${path} has no column "q" in its header row; its columns are "id", "body".`,
      });
      await assert.rejects(drain(readPrompts(path, { column: 'body', referenceColumn: 'gold' })), {
        message: `${path} has no reference column "gold" in its header row; its columns are "id", "body".`,
      });
    });

    it('refuses a quote that never closes before the last row, naming the file', async () => {
      const path = temp.file('prompt\n"open\nmore\nrows\n', 'q.csv');
      await assert.rejects(
        drain(readPrompts(path)),
        (error: unknown) =>
          error instanceof Error && error.message.startsWith(`${path}: the CSV record on line 2 opens a quote`),
      );
    });
  });

  describe('system prompt', () => {
    it('is put before prompts without a system turn, and keys include it', async () => {
      const text = jsonl({ messages: [system('Own.'), user('a')] }, { prompt: 'b' });
      const items = await read(text, 'data.jsonl', { format: 'prompts', systemPrompt: 'Be kind.' });
      assert.deepEqual(items, [
        expected(0, 'line 1', [turn('system', 'Own.'), turn('user', 'a')]),
        expected(1, 'line 2', [turn('system', 'Be kind.'), turn('user', 'b')]),
      ]);
      const plain = await read(text, 'data.jsonl', { format: 'prompts', systemPrompt: '  ' });
      assert.deepEqual(plain[1], expected(1, 'line 2', [turn('user', 'b')]));
      assert.notEqual((items[1] as BatchPrompt).key, plain[1].key);
    });
  });

  describe('keys', () => {
    it('are the first 16 hex characters of the SHA-256 of the turns as canonical JSON', () => {
      const turns = [turn('system', 'S'), turn('user', 'Hi "you"')];
      const canonical = '[{"content":"S","role":"system"},{"content":"Hi \\"you\\"","role":"user"}]';
      assert.equal(promptKey(turns), createHash('sha256').update(canonical).digest('hex').slice(0, 16));
      assert.match(promptKey(turns), /^[0-9a-f]{16}$/);
    });

    it('are the same for the same turns from different inputs, and differ when the turns do', async () => {
      const fromChat = await read(jsonl({ messages: [user('Same?'), assistant('ref 1')] }), 'a.jsonl');
      const fromPrompts = await read(jsonl({ prompt: 'Same?', id: 9 }, { prompt: 'Same? ' }), 'b.jsonl');
      const fromCsv = await read('prompt\nSame?\n', 'c.csv');
      const keys = [fromChat[0], ...fromPrompts, fromCsv[0]].map((item) => (item as BatchPrompt).key);
      assert.equal(keys[0], keys[1]);
      assert.equal(keys[0], keys[3]);
      assert.notEqual(keys[0], keys[2]);
      assert.notEqual(promptKey([turn('user', 'a')]), promptKey([turn('system', 'a')]));
      assert.notEqual(promptKey([turn('user', 'ab')]), promptKey([turn('user', 'a'), turn('user', 'b')]));
    });
  });

  describe('file problems', () => {
    it('names a missing file', async () => {
      const path = temp.target('missing.jsonl');
      await assert.rejects(drain(readPrompts(path)), (error: unknown) => {
        return error instanceof FileError && error.message === `Cannot read ${path}: no such file or folder (ENOENT)`;
      });
    });

    it('refuses UTF-16, naming the file', async () => {
      const path = temp.file(Buffer.from('\ufeff{"prompt":"a"}\n', 'utf16le'), 'wide.jsonl');
      await assert.rejects(drain(readPrompts(path)), (error: unknown) => {
        return error instanceof Error && error.message.startsWith(`${path} is UTF-16 LE, not UTF-8;`);
      });
    });

    it('stops when the signal aborts', async () => {
      const controller = new AbortController();
      const path = temp.file(jsonl({ prompt: 'a' }, { prompt: 'b' }), 'data.jsonl');
      controller.abort();
      await assert.rejects(drain(readPrompts(path, { signal: controller.signal })), { name: 'AbortError' });
    });
  });
});

/** JSON.parse's own message for a text, which differs between Node versions. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const item of items) void item;
}
