import * as assert from 'node:assert/strict';
import { FileCheckAccumulator } from '../../../src/core/validation/fileCheckAccumulator';
import { fileProblems } from '../../../src/core/validation/fileChecks';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';
import { validateText } from '../../../src/core/validation/validateText';
import { chat, padding } from './helpers';

const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });
const fileOnly = (lines: readonly string[], code: string) =>
  validateText(lines.join('\n')).problems.filter((p) => p.code === code);

describe('file checks', () => {
  it('flag every later copy of an example, listing the other copies (1-based) with related ranges', () => {
    const pad = padding('chat');
    const copy = pad[2] ?? '';
    const lines = [...pad, copy, copy];
    const problems = fileOnly(lines, 'ft.duplicate-example');
    assert.deepEqual(
      problems.map((p) => [p.range, p.message]),
      [
        [
          { start: { line: 10, character: 0 }, end: { line: 10, character: copy.length } },
          'Exact duplicate of line 3 (also on line 12)',
        ],
        [
          { start: { line: 11, character: 0 }, end: { line: 11, character: copy.length } },
          'Exact duplicate of line 3 (also on line 11)',
        ],
      ],
    );
    assert.deepEqual(
      problems[0]?.related?.map((r) => r.range.start.line),
      [2, 11],
    );
  });

  it('list big groups of copies briefly', () => {
    const copy = padding('chat')[0] ?? '';
    const lines = [...padding('chat'), ...Array.from({ length: 8 }, () => copy)];
    const problems = fileOnly(lines, 'ft.duplicate-example');
    assert.equal(problems.length, 8);
    assert.equal(problems[0]?.message, 'Exact duplicate of line 1 (also on lines 12, 13, 14, 15, 16 and 2 more)');
    assert.equal(problems[0]?.related?.length, 8);
  });

  it('treat key order and whitespace as the same example', () => {
    const pad = padding('chat');
    const reordered =
      '{ "messages": [ {"content": "Question 4", "role": "user"}, {"content": "Answer 4", "role": "assistant"} ] }';
    assert.deepEqual(
      fileOnly([...pad, reordered], 'ft.duplicate-example').map((p) => p.message),
      ['Exact duplicate of line 5'],
    );
  });

  it('flag every line of a prompt answered differently, naming the lines with other answers', () => {
    const pad = padding('chat');
    const lines = [
      ...pad,
      chat([user('Question 1'), assistant('Other')]),
      chat([user('Question 1'), assistant('Other')]),
    ];
    const problems = validateText(lines.join('\n')).problems.filter((p) => p.code !== 'ft.duplicate-example');
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line, p.message]),
      [
        ['ft.conflicting-answers', 1, 'Same prompt as lines 11 and 12, but a different answer'],
        ['ft.conflicting-answers', 10, 'Same prompt as line 2, but a different answer'],
        ['ft.conflicting-answers', 11, 'Same prompt as line 2, but a different answer'],
      ],
    );
    assert.deepEqual(
      problems[0]?.related?.map((r) => r.range.start.line),
      [10, 11],
    );
  });

  it('ignore conversations that differ before the answer', () => {
    const lines = [
      ...padding('chat'),
      chat([{ role: 'system', content: 'Be brief' }, user('Question 1'), assistant('Other')]),
    ];
    assert.deepEqual(fileOnly(lines, 'ft.conflicting-answers'), []);
  });

  it('count examples only, not blank or broken lines', () => {
    const lines = [...padding('chat', 9), '', '{broken', '[]'];
    assert.deepEqual(
      fileOnly(lines, 'ft.too-few-examples').map((p) => p.message),
      ['The fine-tuning API needs at least 10 examples; this file has 9 examples'],
    );
  });

  it('warn about an RFT reference field most examples have, naming it and how many have it', () => {
    const lines = [...padding('rft'), chat([user('Q')], { answer: 'x', extra: 1 }), chat([user('Q2')], { other: 1 })];
    const problems = fileOnly(lines, 'ft.rft-missing-reference');
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.message]),
      [[11, 'Missing reference field "answer" (in 11 of 12 examples); the grader may read it']],
    );
  });

  it('place the prepare_data endings where the common ending breaks', () => {
    const rows = (prompt: string, completion: string) => JSON.stringify({ prompt, completion });
    const lines = [...padding('completion'), rows('Q ->', ' A END'), rows('Q\n\n###\n\n', ' A\n')];
    const problems = validateText(lines.join('\n')).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line]),
      [
        ['ft.completion-separator', 10],
        ['ft.completion-stop', 11],
      ],
    );
  });

  it('report a line of another format once, on the whole line', () => {
    const line = JSON.stringify({
      input: { messages: [user('q')] },
      preferred_output: [assistant('a')],
      non_preferred_output: [assistant('b')],
    });
    const problems = validateText([...padding('chat'), line].join('\n')).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.range]),
      [['ft.mixed-formats', { start: { line: 10, character: 0 }, end: { line: 10, character: line.length } }]],
    );
    assert.match(problems[0]?.message ?? '', /preference \(DPO\) example, but the file is chat/);
  });

  it('use array positions as line numbers, since cached analyses may have moved', () => {
    const pad = padding('chat');
    const analyses = [...pad, pad[0] ?? ''].map((text) => analyzeLine(text, 0, 'chat'));
    const problems = fileProblems(analyses, 'chat');
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line, p.message]),
      [['ft.duplicate-example', 10, 'Exact duplicate of line 1']],
    );
  });

  it('build only the problems a capped output keeps', () => {
    const copy = analyzeLine(padding('chat', 1)[0] ?? '', 0, 'chat');
    const accumulator = new FileCheckAccumulator('chat');
    for (let line = 0; line < 1000; line++) accumulator.add(copy, line);
    let reported = 0;
    let built = 0;
    accumulator.finishInto(copy.length, {
      report: (_code, build) => {
        reported++;
        if (reported <= 2) {
          built++;
          build();
        }
      },
    });
    assert.deepEqual([reported, built], [999, 2]);
    assert.equal(accumulator.finish(copy.length).length, 999);
  });
});
