import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  compileFilter,
  isEmptyFilter,
  MAX_PATTERN_LENGTH,
  type ExampleFilter,
  type FilterInput,
} from '../../../src/core/conversations/exampleFilter';

const line = (value: unknown): string => JSON.stringify(value);

/** The sample lines, by name; each test names the ones a filter keeps. */
const LINES = {
  plain: line({
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'Hi.' },
    ],
  }),
  // Written by hand: the apostrophe is escaped in the JSON, the newline too.
  noSystem:
    '{"messages":[{"role":"user","content":"don\\u0027t stop"},{"role":"assistant","content":"first line\\nsecond line"}]}',
  tools: line({
    messages: [
      { role: 'user', content: 'Weather in Oslo?' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'Rain' },
    ],
  }),
  image: line({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        ],
      },
      { role: 'assistant', content: 'A CAT.' },
    ],
  }),
  developer: line({
    messages: [
      { role: 'developer', content: 'Be kind.' },
      { role: 'user', content: 'Ünïcode ΣΑΣ' },
      { role: 'assistant', content: 'ok' },
    ],
  }),
  broken: '{"messages": [',
  blank: '   ',
} as const;
type Name = keyof typeof LINES;
const NAMES = Object.keys(LINES) as Name[];

type Problems = FilterInput['problems'];
const PROBLEMS: Partial<Record<Name, Problems>> = {
  noSystem: [{ code: 'ft.missing-system', severity: 'warning' }],
  tools: [{ code: 'ft.duplicate-example', severity: 'warning' }],
  broken: [{ code: 'ft.json-syntax', severity: 'error' }],
  blank: [{ code: 'ft.blank-line', severity: 'warning' }],
  image: [
    { code: 'ft.duplicate-example', severity: 'warning' },
    { code: 'ft.remote-image', severity: 'info' },
  ],
};
const TOKENS: Partial<Record<Name, number>> = { plain: 20, noSystem: 35, tools: 50, image: 800, developer: 21 };

const inputOf = (name: Name): FilterInput => ({
  lineText: LINES[name],
  problems: PROBLEMS[name] ?? [],
  tokens: TOKENS[name],
});

/** The names of the sample lines the filter keeps, in sample order. */
function kept(filter: ExampleFilter): Name[] {
  const compiled = compileFilter(filter);
  assert.ok(compiled.ok, compiled.ok ? '' : compiled.reason);
  return NAMES.filter((name) => compiled.test(inputOf(name)));
}

describe('example filter', () => {
  it('keeps every line, blank and broken ones too, when there is no condition', () => {
    for (const filter of [{}, { text: '', codes: [], role: '' }] satisfies ExampleFilter[]) {
      assert.equal(isEmptyFilter(filter), true);
      const compiled = compileFilter(filter);
      assert.equal(compiled.ok && compiled.empty, true);
      assert.deepEqual(kept(filter), NAMES);
    }
  });

  it('is not empty as soon as one condition is set', () => {
    const conditions: ExampleFilter[] = [
      { text: 'a' },
      { problems: 'any' },
      { problems: 'errors' },
      { problems: 'none' },
      { codes: ['x'] },
      { role: 'user' },
      { hasTools: false },
      { hasImages: true },
      { missingSystem: false },
      { minTokens: 0 },
      { maxTokens: 0 },
      { duplicates: false },
    ];
    for (const filter of conditions) {
      assert.equal(isEmptyFilter(filter), false, JSON.stringify(filter));
      const compiled = compileFilter(filter);
      assert.equal(compiled.ok && compiled.empty, false, JSON.stringify(filter));
    }
  });

  it('filters by problem severity', () => {
    assert.deepEqual(
      kept({ problems: 'any' }),
      NAMES.filter((name) => !kept({ problems: 'none' }).includes(name)),
    );
    assert.ok(kept({ problems: 'any' }).includes('blank'));
    assert.deepEqual(kept({ problems: 'errors' }), ['broken']);
    assert.deepEqual(kept({ problems: 'none' }), ['plain', 'developer']);
  });

  it('filters by problem code (any of the codes)', () => {
    assert.deepEqual(kept({ codes: ['ft.remote-image'] }), ['image']);
    assert.deepEqual(kept({ codes: ['ft.missing-system', 'ft.json-syntax'] }), ['noSystem', 'broken']);
    assert.deepEqual(kept({ codes: ['ft.unknown'] }), []);
  });

  it('filters duplicates in and out', () => {
    assert.deepEqual(kept({ duplicates: true }), ['tools', 'image']);
    assert.deepEqual(kept({ duplicates: false }), ['plain', 'noSystem', 'developer', 'broken', 'blank']);
  });

  it('keeps a blank line for its problems only, never for what an example contains', () => {
    assert.deepEqual(kept({ codes: ['ft.blank-line'] }), ['blank']);
    assert.deepEqual(kept({ hasTools: false }), ['plain', 'noSystem', 'image', 'developer', 'broken']);
    assert.equal(kept({ problems: 'none' }).includes('blank'), false);
    const compiled = compileFilter({ hasTools: false });
    assert.ok(compiled.ok);
    assert.equal(compiled.test({ lineText: '', problems: [], tokens: 0 }), false);
    assert.equal(compiled.test({ lineText: '\uFEFF\t', problems: [], tokens: 0 }), false);
  });

  it('filters by a role present', () => {
    assert.deepEqual(kept({ role: 'tool' }), ['tools']);
    assert.deepEqual(kept({ role: 'system' }), ['plain']);
    assert.deepEqual(kept({ role: 'user' }), ['plain', 'noSystem', 'tools', 'image', 'developer']);
    // Roles compare as written: a wrongly cased role is its own value.
    assert.deepEqual(kept({ role: 'User' }), []);
  });

  it('filters by tools, images and a missing system message, both ways', () => {
    assert.deepEqual(kept({ hasTools: true }), ['tools']);
    assert.deepEqual(kept({ hasImages: true }), ['image']);
    assert.deepEqual(kept({ hasImages: false }), ['plain', 'noSystem', 'tools', 'developer', 'broken']);
    // A developer message is the system message of newer models; an unreadable line has none.
    assert.deepEqual(kept({ missingSystem: true }), ['noSystem', 'tools', 'image', 'broken']);
    assert.deepEqual(kept({ missingSystem: false }), ['plain', 'developer']);
  });

  it('filters by an inclusive token range; an example without a count fails a bound', () => {
    assert.deepEqual(kept({ minTokens: 21 }), ['noSystem', 'tools', 'image', 'developer']);
    assert.deepEqual(kept({ maxTokens: 35 }), ['plain', 'noSystem', 'developer']);
    assert.deepEqual(kept({ minTokens: 21, maxTokens: 50 }), ['noSystem', 'tools', 'developer']);
    assert.deepEqual(kept({ minTokens: 0 }), ['plain', 'noSystem', 'tools', 'image', 'developer']);
    assert.deepEqual(kept({ minTokens: 51, maxTokens: 799 }), []);
  });

  it('combines conditions with and', () => {
    assert.deepEqual(kept({ duplicates: true, hasImages: true }), ['image']);
    assert.deepEqual(kept({ role: 'user', maxTokens: 21, text: 'o' }), ['plain', 'developer']);
    assert.deepEqual(kept({ problems: 'none', missingSystem: true }), []);
  });

  it('searches the decoded texts, not the raw JSON', () => {
    assert.deepEqual(kept({ text: "don't" }), ['noSystem']);
    assert.deepEqual(kept({ text: 'line\nsecond' }), ['noSystem']);
    assert.deepEqual(kept({ text: 'line\\nsecond' }), []);
    assert.deepEqual(kept({ text: 'role' }), []);
    assert.deepEqual(kept({ text: 'content' }), []);
    // Tool call names and what a tool answered are searched.
    assert.deepEqual(kept({ text: 'get_weather' }), ['tools']);
    assert.deepEqual(kept({ text: 'rain' }), ['tools']);
    // An unreadable line has no text to search.
    assert.deepEqual(kept({ text: 'messages' }), []);
  });

  it('searches plain text case-insensitively unless asked, with regex characters taken literally', () => {
    assert.deepEqual(kept({ text: 'a cat' }), ['image']);
    assert.deepEqual(kept({ text: 'a cat', caseSensitive: true }), []);
    assert.deepEqual(kept({ text: 'A CAT', caseSensitive: true }), ['image']);
    assert.deepEqual(kept({ text: 'ünïcode σας' }), ['developer']);
    assert.deepEqual(kept({ text: 'this?' }), ['image']);
    assert.deepEqual(kept({ text: 'Hi.' }), ['plain']);
    assert.deepEqual(kept({ text: '(' }), []);
    assert.deepEqual(kept({ text: 'H.' }), []);
  });

  it('searches with a regular expression, u flag, i unless case-sensitive', () => {
    assert.deepEqual(kept({ text: '^h', regex: true }), ['plain']);
    assert.deepEqual(kept({ text: '^h', regex: true, caseSensitive: true }), []);
    assert.deepEqual(kept({ text: 'H.', regex: true }), ['plain', 'tools', 'image']);
    assert.deepEqual(kept({ text: 'line$', regex: true }), ['noSystem']);
    assert.deepEqual(kept({ text: '^second', regex: true }), []);
    // u: an astral character is one character, and \p{…} works.
    assert.deepEqual(kept({ text: '\\p{Script=Greek}{3}', regex: true }), ['developer']);
  });

  it('keeps giving the same answer: the pattern holds no state between tests', () => {
    const compiled = compileFilter({ text: 'o', regex: true });
    assert.ok(compiled.ok);
    const answers = Array.from({ length: 4 }, () => compiled.test(inputOf('plain')));
    assert.deepEqual(answers, [true, true, true, true]);
  });

  it('refuses an invalid regular expression, naming the error', () => {
    const compiled = compileFilter({ text: 'a(b', regex: true });
    assert.equal(compiled.ok, false);
    assert.match(
      compiled.ok ? '' : compiled.reason,
      /^Invalid regular expression: \/a\(b\/[a-z]*: Unterminated group$/,
    );
    // With u, a lone brace is an error too.
    assert.equal(compileFilter({ text: 'a{', regex: true }).ok, false);
    // The same text as plain search is fine.
    assert.equal(compileFilter({ text: 'a(b' }).ok, true);
  });

  it('refuses a regular expression longer than the limit', () => {
    const atLimit = compileFilter({ text: 'a'.repeat(MAX_PATTERN_LENGTH), regex: true });
    assert.equal(atLimit.ok, true);
    const over = compileFilter({ text: 'a'.repeat(MAX_PATTERN_LENGTH + 1), regex: true });
    assert.deepEqual(over, {
      ok: false,
      reason: 'The regular expression is 1001 characters long; the limit is 1000.',
    });
    assert.equal(compileFilter({ text: 'a'.repeat(MAX_PATTERN_LENGTH + 1) }).ok, true);
  });

  it('does not parse the line when only problems and tokens are asked', () => {
    const compiled = compileFilter({ problems: 'none', maxTokens: 10 });
    assert.ok(compiled.ok);
    let reads = 0;
    const input = {
      get lineText(): string {
        reads++;
        return 'not json at all';
      },
      problems: [],
      tokens: 5,
    };
    assert.equal(compiled.test(input), true);
    assert.equal(reads, 0);
  });

  it('finds any plain text that is in a message, whatever it contains', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string(), fc.string(), (needle, before, after) => {
        const lineText = line({ messages: [{ role: 'user', content: before + needle + after }] });
        const input = { lineText, problems: [], tokens: undefined };
        const sensitive = compileFilter({ text: needle, caseSensitive: true });
        assert.ok(sensitive.ok);
        assert.equal(sensitive.test(input), true);
        const insensitive = compileFilter({ text: needle });
        assert.ok(insensitive.ok);
        assert.equal(insensitive.test(input), true);
        return true;
      }),
    );
  });
});
