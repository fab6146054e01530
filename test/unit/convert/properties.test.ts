import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConvertSpec } from '../../../src/core/convert/model';
import { chatExample, convertText, isChatShape, isPreferenceShape, toCsv, trickyText } from './helpers';

const speaker = fc.oneof(fc.constantFrom('human', 'gpt', 'system', 'user', 'assistant', 'tool', 'GPT'), fc.string());
const value = fc.oneof(trickyText(), fc.integer(), fc.constant(null));
const shareGptLike = fc.oneof(
  chatExample.map((example) => ({
    conversations: example.messages.map((message) => ({
      from: { system: 'system', user: 'human', assistant: 'gpt' }[message.role],
      value: message.content,
    })),
  })),
  fc.record(
    {
      conversations: fc.oneof(
        fc.array(fc.record({ from: speaker, value }, { requiredKeys: [] }), { maxLength: 5 }),
        fc.jsonValue(),
      ),
      system: fc.option(value, { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
);
const messageLike = fc.record(
  { role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'tool'), fc.string()), content: value },
  { requiredKeys: [] },
);
const chatLike = fc.oneof(
  chatExample,
  chatExample.map((example) => ({
    ...example,
    messages: [...example.messages, { role: 'user', content: 'unanswered' }],
  })),
  fc.record({ messages: fc.oneof(fc.array(messageLike, { maxLength: 5 }), fc.jsonValue()) }, { requiredKeys: [] }),
);
const textOrMessages = fc.oneof(value, fc.array(messageLike, { maxLength: 3 }));
const trlLike = fc.oneof(
  fc.tuple(chatExample, trickyText()).map(([example, rejected]) => ({
    prompt: example.messages.slice(0, -1),
    chosen: example.messages.slice(-1),
    rejected: [{ role: 'assistant', content: rejected }],
  })),
  chatExample,
  fc.record(
    {
      prompt: textOrMessages,
      chosen: textOrMessages,
      rejected: textOrMessages,
      completion: textOrMessages,
      messages: fc.array(messageLike, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ),
);
const alpacaLike = fc.oneof(
  fc.record({ instruction: trickyText(), input: trickyText(), output: trickyText() }),
  fc.record(
    { instruction: value, input: value, output: value, system: value, history: fc.jsonValue() },
    { requiredKeys: [] },
  ),
);
const legacyLike = fc.record(
  {
    prompt: fc.oneof(trickyText(), value, fc.constantFrom('S\n\n###\n\nCustomer: hi\nAgent:', 'Agent:', 'Customer:')),
    completion: fc.oneof(trickyText(), value),
  },
  { requiredKeys: [] },
);
const preferenceLike = fc.oneof(
  fc.tuple(chatExample, trickyText()).map(([example, rejected]) => ({
    input: { messages: example.messages.slice(0, -1) },
    preferred_output: example.messages.slice(-1),
    non_preferred_output: [{ role: 'assistant', content: rejected }],
  })),
  fc.record(
    {
      input: fc.oneof(fc.record({ messages: fc.array(messageLike, { maxLength: 3 }) }), fc.jsonValue()),
      preferred_output: fc.array(messageLike, { maxLength: 2 }),
      non_preferred_output: fc.array(messageLike, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
);

/** Lines of JSON values mixed with lines that are not JSON at all. */
function linesOf(record: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        record.map((item) => JSON.stringify(item)),
        fc.jsonValue().map((item) => JSON.stringify(item)),
        trickyText().map((line) => line.replace(/\r?\n/g, ' ')),
      ),
      { maxLength: 8 },
    )
    .map((lines) => lines.join('\n'));
}

const isShareGptShape = (item: unknown): boolean =>
  Array.isArray((item as { conversations?: unknown }).conversations) &&
  (item as { conversations: { from: unknown; value: unknown }[] }).conversations.every(
    (turn) => ['system', 'human', 'gpt'].includes(turn.from as string) && typeof turn.value === 'string',
  );
const isAlpacaShape = (item: unknown): boolean =>
  ['instruction', 'input', 'output'].every((key) => typeof (item as Record<string, unknown>)[key] === 'string');
const isLegacyShape = (item: unknown): boolean =>
  typeof (item as Record<string, unknown>)['prompt'] === 'string' &&
  typeof (item as Record<string, unknown>)['completion'] === 'string';
const isTrlPreferenceShape = (item: unknown): boolean =>
  ['prompt', 'chosen', 'rejected'].every((key) => Array.isArray((item as Record<string, unknown>)[key]));

const cases: { name: string; spec: ConvertSpec; input: fc.Arbitrary<string>; shape: (item: unknown) => boolean }[] = [
  { name: 'ShareGPT → chat', spec: { from: 'sharegpt', to: 'chat' }, input: linesOf(shareGptLike), shape: isChatShape },
  { name: 'Alpaca → chat', spec: { from: 'alpaca', to: 'chat' }, input: linesOf(alpacaLike), shape: isChatShape },
  { name: 'TRL → chat', spec: { from: 'trl', to: 'chat' }, input: linesOf(trlLike), shape: isChatShape },
  {
    name: 'TRL → preference',
    spec: { from: 'trl', to: 'preference' },
    input: linesOf(trlLike),
    shape: isPreferenceShape,
  },
  { name: 'legacy → chat', spec: { from: 'legacy', to: 'chat' }, input: linesOf(legacyLike), shape: isChatShape },
  { name: 'chat → chat', spec: { from: 'chat', to: 'chat' }, input: linesOf(chatLike), shape: isChatShape },
  { name: 'chat → ShareGPT', spec: { from: 'chat', to: 'sharegpt' }, input: linesOf(chatLike), shape: isShareGptShape },
  { name: 'chat → Alpaca', spec: { from: 'chat', to: 'alpaca' }, input: linesOf(chatLike), shape: isAlpacaShape },
  { name: 'chat → legacy', spec: { from: 'chat', to: 'legacy' }, input: linesOf(chatLike), shape: isLegacyShape },
  {
    name: 'preference → TRL',
    spec: { from: 'preference', to: 'trl' },
    input: linesOf(preferenceLike),
    shape: isTrlPreferenceShape,
  },
  {
    name: 'mapped → chat',
    spec: {
      from: 'mapped',
      to: 'chat',
      mapping: { userField: 'instruction', assistantField: 'output', systemField: 'system' },
    },
    input: linesOf(alpacaLike),
    shape: isChatShape,
  },
];

describe('conversion properties: never throws, only target-shaped lines, every row accounted for', () => {
  for (const { name, spec, input, shape } of cases) {
    it(name, async () => {
      let written = 0;
      await fc.assert(
        fc.asyncProperty(input, async (text) => {
          const { values, report } = await convertText(text, spec, 13);
          assert.ok(values.every(shape), JSON.stringify(values));
          assert.equal(report.written + report.skippedCount, report.read);
          assert.equal(report.converted + report.skippedCount, report.read);
          written += report.written;
        }),
        { numRuns: 150 },
      );
      assert.ok(written > 5, `the generator should produce convertible rows, got ${written}`);
    });
  }

  it('CSV → chat with arbitrary cells', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(trickyText(), trickyText()), { maxLength: 10 }), async (rows) => {
        const { values, report } = await convertText(
          toCsv([['question', 'answer'], ...rows]),
          { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'question', assistantColumn: 'answer' } } },
          11,
        );
        const expected = rows
          .filter(([user, assistant]) => user.trim() !== '' && assistant.trim() !== '')
          .map(([user, assistant]) => ({
            messages: [
              { role: 'user', content: user },
              { role: 'assistant', content: assistant },
            ],
          }));
        assert.deepEqual(values, expected);
        assert.equal(report.read, rows.length);
        assert.equal(report.written + report.skippedCount, report.read);
        assert.equal(report.converted + report.skippedCount, report.read);
      }),
      { numRuns: 150 },
    );
  });

  it('CSV → chat names the line each skipped row starts on, whatever line ends its quoted cells hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(trickyText(), trickyText()), { maxLength: 10 }), async (rows) => {
        const header = toCsv([['question', 'answer']]);
        let text = header;
        const expected: number[] = [];
        for (const row of rows) {
          // Where this record starts: one more than the line ends before it (CRLF, LF or CR alone each end one).
          const line = 1 + (text.match(/\r\n|\n|\r/g)?.length ?? 0);
          if (row[0].trim() === '' || row[1].trim() === '') expected.push(line);
          text += toCsv([row]);
        }
        const { report } = await convertText(
          text,
          { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'question', assistantColumn: 'answer' } } },
          11,
        );
        assert.deepEqual(
          report.skipped.map((skipped) => skipped.line),
          expected,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('TWCS → chat with arbitrary threads and texts', async () => {
    const tweet = fc.record({
      parent: fc.option(fc.nat(30), { nil: undefined }),
      customer: fc.boolean(),
      brand: fc.constantFrom('AppleSupport', 'AmazonHelp'),
      text: trickyText(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(tweet, { maxLength: 25 }), fc.boolean(), async (tweets, clean) => {
        const rows = tweets.map((item, index) => [
          String(index + 1),
          item.customer ? `u${index}` : item.brand,
          item.customer ? 'True' : 'False',
          'date',
          item.text,
          '',
          item.parent === undefined ? '' : String(item.parent),
        ]);
        const csv = toCsv([
          ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id'],
          ...rows,
        ]);
        const options = clean
          ? { stripMentions: true, stripLinks: true, stripSignoffs: true, systemPrompt: '{brand}' }
          : {};
        const { values, report } = await convertText(csv, { from: 'twcs', to: 'chat', twcs: options }, 17);
        assert.equal(report.read, tweets.length);
        assert.equal(report.converted + report.skippedCount, report.read, 'every tweet is converted or skipped');
        for (const item of values) {
          assert.ok(isChatShape(item));
          const roles = (item as { messages: { role: string; content: string }[] }).messages
            .filter((message) => message.role !== 'system')
            .map((message) => message.role);
          assert.equal(roles[0], 'user');
          assert.equal(roles[roles.length - 1], 'assistant');
          assert.ok(
            roles.every((role, index) => index === 0 || role !== roles[index - 1]),
            'turns alternate',
          );
        }
        if (report.written === 0) assert.equal(report.skippedCount, report.read);
      }),
      { numRuns: 200 },
    );
  });
});
