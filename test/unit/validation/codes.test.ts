import * as assert from 'node:assert/strict';
import type { DatasetFormat } from '../../../src/core/format/datasetFormat';
import { CODES, type DiagnosticCode } from '../../../src/core/validation/codes';
import { validateText } from '../../../src/core/validation/validateText';
import { chat, codes, padding, problemsAfterPadding, validExample } from './helpers';

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const image = (url: string, detail?: string) => ({
  type: 'image_url',
  image_url: detail === undefined ? { url } : { url, detail },
});
const png = 'data:image/png;base64,iVBORw0KGgo=';
const call = (id: string, args = '{"city":"Paris"}') => ({
  id,
  type: 'function',
  function: { name: 'weather', arguments: args },
});
const preference = (over: Record<string, unknown>) => JSON.stringify({ ...validExample('preference', 99), ...over });
const completion = (prompt: string, text: string) => JSON.stringify({ prompt, completion: text });

/** A line (appended after ten valid lines of `format`) that has the code, and a fixed version that does not. */
interface Case {
  readonly format: DatasetFormat;
  readonly bad: readonly string[];
  readonly good: readonly string[];
}

const LINE_CASES: Partial<Record<DiagnosticCode, Case>> = {
  'ft.json-syntax': { format: 'chat', bad: ['{"messages": ['], good: [chat([user('a'), assistant('b')])] },
  'ft.trailing-comma': {
    format: 'chat',
    bad: ['{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},]}'],
    good: ['{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}'],
  },
  'ft.not-an-object': { format: 'chat', bad: ['[1, 2]'], good: [chat([user('a'), assistant('b')])] },
  'ft.blank-line': { format: 'chat', bad: ['   '], good: [chat([user('a'), assistant('b')])] },
  'ft.nesting-too-deep': {
    format: 'chat',
    bad: [chat([user('a'), assistant('b')], { x: JSON.parse('['.repeat(501) + ']'.repeat(501)) })],
    good: [chat([user('a'), assistant('b')])],
  },
  'ft.duplicate-key': {
    format: 'chat',
    bad: ['{"messages":[{"role":"user","content":"a","content":"b"},{"role":"assistant","content":"c"}]}'],
    good: ['{"messages":[{"role":"user","content":"b"},{"role":"assistant","content":"c"}]}'],
  },
  'ft.lone-surrogate': {
    format: 'chat',
    bad: ['{"messages":[{"role":"user","content":"a\\ud83d"},{"role":"assistant","content":"c"}]}'],
    good: ['{"messages":[{"role":"user","content":"a\\ud83d\\ude00"},{"role":"assistant","content":"c"}]}'],
  },
  'ft.data-type': {
    format: 'chat',
    bad: [chat([user(42), assistant('b')])],
    good: [chat([user('42'), assistant('b')])],
  },
  'ft.missing-messages': {
    format: 'chat',
    bad: ['{"tools": []}'],
    good: [chat([user('a'), assistant('b')], { tools: [] })],
  },
  'ft.message-missing-key': {
    format: 'chat',
    bad: [chat([{ content: 'a' }, assistant('b')])],
    good: [chat([user('a'), assistant('b')])],
  },
  'ft.message-unrecognized-key': {
    format: 'chat',
    bad: [chat([{ ...user('a'), mood: 'happy' }, assistant('b')])],
    good: [chat([{ ...user('a'), name: 'ann' }, assistant('b')])],
  },
  'ft.unrecognized-role': {
    format: 'chat',
    bad: [chat([{ role: 'bot', content: 'a' }, assistant('b')])],
    good: [chat([{ role: 'developer', content: 'a' }, user('q'), assistant('b')])],
  },
  'ft.missing-content': {
    format: 'chat',
    bad: [chat([user(''), assistant('b')])],
    // The cookbook is wrong here: an assistant turn that calls a tool may have null or no content.
    good: [
      chat([
        user('a'),
        { role: 'assistant', content: null, tool_calls: [call('c1')] },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        assistant('b'),
      ]),
      chat([
        user('a'),
        { role: 'assistant', function_call: { name: 'f', arguments: '{}' } },
        { role: 'function', name: 'f', content: '1' },
        assistant('b'),
      ]),
    ],
  },
  'ft.missing-assistant': {
    format: 'chat',
    bad: [chat([{ role: 'system', content: 's' }, user('a')])],
    good: [chat([{ role: 'system', content: 's' }, user('a'), assistant('b')])],
  },
  'ft.unknown-key': {
    format: 'chat',
    bad: [chat([user('a'), assistant('b')], { metadata: { id: 1 } })],
    good: [chat([user('a'), assistant('b')], { parallel_tool_calls: false })],
  },
  'ft.missing-key': {
    format: 'preference',
    bad: [JSON.stringify({ input: { messages: [user('q')] }, preferred_output: [assistant('a')] })],
    good: [preference({})],
  },
  'ft.role-case': {
    format: 'chat',
    bad: [chat([user('a'), { role: 'Assistant', content: 'b' }])],
    good: [chat([user('a'), assistant('b')])],
  },
  'ft.consecutive-role': {
    format: 'chat',
    bad: [chat([user('a'), user('again'), assistant('b')])],
    good: [chat([user('a'), assistant('b'), user('c'), assistant('d')])],
  },
  'ft.last-not-assistant': {
    format: 'chat',
    bad: [chat([user('a'), assistant('b'), user('c')])],
    good: [chat([user('a'), assistant('b')])],
  },
  'ft.blank-content': {
    format: 'chat',
    bad: [chat([user(' \n '), assistant('b')])],
    good: [chat([user(' a '), assistant('b')])],
  },
  'ft.weight-value': {
    format: 'chat',
    bad: [chat([user('a'), { ...assistant('b'), weight: 0.5 }])],
    good: [chat([user('a'), { ...assistant('b'), weight: 0 }, user('c'), { ...assistant('d'), weight: 1 }])],
  },
  'ft.weight-role': {
    format: 'chat',
    bad: [chat([{ ...user('a'), weight: 1 }, assistant('b')])],
    good: [chat([user('a'), { ...assistant('b'), weight: 1 }])],
  },
  'ft.tool-call': {
    format: 'chat',
    bad: [
      chat([
        user('a'),
        { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]),
    ],
    good: [chat([user('a'), { role: 'assistant', tool_calls: [call('c1')] }])],
  },
  'ft.tool-arguments': {
    format: 'chat',
    bad: [chat([user('a'), { role: 'assistant', tool_calls: [call('c1', '{city: Paris}')] }])],
    good: [chat([user('a'), { role: 'assistant', tool_calls: [call('c1', '{"city": "Paris"}')] }])],
  },
  'ft.tool-call-id': {
    format: 'chat',
    bad: [
      chat([
        user('a'),
        { role: 'assistant', tool_calls: [call('c1')] },
        { role: 'tool', tool_call_id: 'c2', content: 'x' },
        assistant('b'),
      ]),
    ],
    good: [
      chat([
        user('a'),
        { role: 'assistant', tool_calls: [call('c1'), call('c2')] },
        { role: 'tool', tool_call_id: 'c1', content: 'x' },
        { role: 'tool', tool_call_id: 'c2', content: 'y' },
        assistant('b'),
      ]),
    ],
  },
  'ft.tool-definition': {
    format: 'chat',
    bad: [chat([user('a'), assistant('b')], { tools: [{ type: 'function', function: { name: 'get weather!' } }] })],
    good: [
      chat([user('a'), assistant('b')], {
        tools: [
          {
            type: 'function',
            function: { name: 'get_weather', description: 'd', parameters: { type: 'object', properties: {} } },
          },
        ],
      }),
    ],
  },
  'ft.content-part': {
    format: 'chat',
    bad: [chat([user([{ type: 'input_audio', input_audio: {} }]), assistant('b')])],
    good: [chat([user([{ type: 'text', text: 'look' }, image('https://example.com/a.png')]), assistant('b')])],
  },
  'ft.image-url': {
    format: 'chat',
    bad: [chat([user([image('ftp://example.com/a.png')]), assistant('b')])],
    good: [chat([user([image(png, 'low')]), assistant('b')])],
  },
  'ft.image-detail': {
    format: 'chat',
    bad: [chat([user([image(png, 'ultra')]), assistant('b')])],
    good: [chat([user([image(png, 'auto')]), assistant('b')])],
  },
  'ft.too-many-images': {
    format: 'chat',
    bad: [chat([user(Array.from({ length: 11 }, () => image(png))), assistant('b')])],
    good: [chat([user(Array.from({ length: 10 }, () => image(png))), assistant('b')])],
  },
  'ft.preference-output': {
    format: 'preference',
    bad: [preference({ preferred_output: [assistant('a'), assistant('b')] })],
    good: [preference({ preferred_output: [assistant('a')] })],
  },
  'ft.legacy-preference-key': {
    format: 'preference',
    bad: [
      JSON.stringify({
        input: { messages: [user('q')] },
        preferred_completion: [assistant('a')],
        non_preferred_output: [assistant('b')],
      }),
    ],
    good: [preference({})],
  },
  'ft.identical-preference': {
    format: 'preference',
    bad: [preference({ preferred_output: [assistant('same')], non_preferred_output: [assistant('same')] })],
    good: [preference({})],
  },
  'ft.rft-last-message': {
    format: 'rft',
    bad: [chat([user('q'), assistant('a')], { answer: 'x' })],
    good: [chat([user('q'), assistant('a'), user('again')], { answer: 'x' })],
  },
  'ft.rft-missing-reference': { format: 'rft', bad: [chat([user('q')])], good: [chat([user('q')], { answer: 'y' })] },
  'ft.completion-leading-space': {
    format: 'completion',
    bad: [completion('Q\n\n###\n\n', 'Answer END')],
    good: [completion('Q\n\n###\n\n', '\nAnswer END')],
  },
  'ft.completion-empty': {
    format: 'completion',
    bad: [completion('Q\n\n###\n\n', '')],
    good: [completion('Q\n\n###\n\n', ' x END')],
  },
  'ft.completion-separator': {
    format: 'completion',
    bad: [completion('Q?', ' A END')],
    good: [completion('Q?\n\n###\n\n', ' A END')],
  },
  'ft.completion-stop': {
    format: 'completion',
    bad: [completion('Q\n\n###\n\n', ' A.')],
    good: [completion('Q\n\n###\n\n', ' A. END')],
  },
  'ft.mixed-formats': { format: 'chat', bad: [completion('Q', ' A')], good: [chat([user('Q'), assistant('A')])] },
  'ft.duplicate-example': {
    format: 'chat',
    bad: [padding('chat')[3] ?? ''],
    good: [chat([user('Question 3'), assistant('Another answer 3'), user('more'), assistant('ok')])],
  },
  'ft.conflicting-answers': {
    format: 'chat',
    bad: [chat([user('Question 3'), assistant('Different answer')])],
    good: [chat([user('Question 3?'), assistant('Different answer')])],
  },
};

// Codes whose failing example needs a whole file or bytes; tested below or in the stream tests.
// ft.utf16 and ft.cr-line-endings: pipeline/fileEncoding.test.ts; ft.other-format: validation/otherFormat.test.ts;
// ft.token-limit: tokens/tokenLimit.test.ts; ft.more-problems, the
// editor's summary of problems VS Code would not list: integration/diagnostics.test.ts.
const WHOLE_FILE = new Set<string>([
  'ft.bom',
  'ft.too-few-examples',
  'ft.invalid-utf8',
  'ft.line-too-long',
  'ft.utf16',
  'ft.cr-line-endings',
  'ft.other-format',
  'ft.token-limit',
  'ft.more-problems',
]);

describe('validation codes', () => {
  it('has a failing and a passing example for every code', () => {
    const missing = Object.keys(CODES).filter((code) => !(code in LINE_CASES) && !WHOLE_FILE.has(code));
    assert.deepEqual(missing, []);
  });

  for (const [code, example] of Object.entries(LINE_CASES)) {
    it(`${code}: reported on the bad line, not on the good one`, () => {
      const bad = problemsAfterPadding(example.format, example.bad).filter((p) => p.code === code);
      assert.ok(bad.length > 0, `expected ${code}`);
      assert.ok(
        bad.some((p) => p.range.start.line >= 10),
        `expected ${code} on the line under test`,
      );
      const good = problemsAfterPadding(example.format, example.good);
      assert.deepEqual(codes(good), [], `good example has ${codes(good).join(', ')}`);
    });
  }

  it('ft.bom: a BOM at the start of the file is an error on line 0; without it the file is clean', () => {
    const text = padding('chat').join('\n');
    const withBom = validateText(`\uFEFF${text}`).problems;
    assert.deepEqual(
      withBom.map((p) => [p.code, p.severity, p.range]),
      [['ft.bom', 'error', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }]],
    );
    assert.deepEqual(validateText(text).problems, []);
  });

  it('ft.too-few-examples: nine examples are too few, ten are enough', () => {
    const nine = validateText(padding('chat', 9).join('\n')).problems;
    const first = padding('chat', 1)[0] ?? '';
    assert.deepEqual(
      nine.map((p) => [p.code, p.severity, p.range, p.message]),
      [
        [
          'ft.too-few-examples',
          'error',
          { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
          'The fine-tuning API needs at least 10 examples; this file has 9 examples',
        ],
      ],
    );
    assert.deepEqual(validateText(padding('chat', 10).join('\n')).problems, []);
  });

  it('every code has a title and a default severity', () => {
    for (const [code, info] of Object.entries(CODES)) {
      assert.match(code, /^ft\.[a-z0-9-]+$/);
      assert.ok(info.title.length > 0);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(info.defaultSeverity));
    }
  });
});
