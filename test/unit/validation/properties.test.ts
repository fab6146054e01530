import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../../src/core/jsonl/lines';
import type { Problem, Range } from '../../../src/core/problem';
import { quickFixes } from '../../../src/core/validation/quickFixes';
import { validateByteStream } from '../../../src/core/validation/validateStream';
import { validateText } from '../../../src/core/validation/validateText';
import { applyToLine, chunksOf } from './helpers';

function assertInside(range: Range, lengths: readonly number[], what: string): void {
  const { start, end } = range;
  assert.ok(start.line >= 0 && start.line < Math.max(1, lengths.length), `${what}: line ${start.line} of ${lengths.length}`);
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: start after end`);
  for (const position of [start, end]) {
    const length = lengths[position.line] ?? 0;
    assert.ok(position.line < Math.max(1, lengths.length), `${what}: line ${position.line} past the end`);
    assert.ok(position.character >= 0 && position.character <= length, `${what}: character ${position.character} of ${length}`);
  }
}

function assertProblemsInside(problems: readonly Problem[], lengths: readonly number[]): void {
  for (const problem of problems) {
    assertInside(problem.range, lengths, problem.code);
    for (const related of problem.related ?? []) assertInside(related.range, lengths, `${problem.code} related`);
  }
}

/** Validates a text and checks every range and every quick fix against it. */
function checkText(text: string): void {
  const lines = splitLines(text);
  const { problems } = validateText(text);
  assertProblemsInside(problems, lines.map((l) => l.text.length));
  for (const problem of problems) {
    const lineText = lines[problem.range.start.line]?.text ?? '';
    for (const fix of quickFixes(problem, lineText)) {
      if (problem.code === 'ft.blank-line') continue;
      const fixed = applyToLine(lineText, fix.edits);
      if (isJson(lineText)) assert.ok(isJson(fixed), `${problem.code} fix broke ${JSON.stringify(lineText)} into ${JSON.stringify(fixed)}`);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

const role = fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function', 'Assistant', 'USER', 'bot'), fc.jsonValue());
const message = fc.oneof(
  fc.record({ role, content: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: ['role'] }),
  fc.dictionary(fc.constantFrom('role', 'content', 'weight', 'tool_calls', 'tool_call_id', 'name', 'mood', 'refusal'), fc.jsonValue()),
  fc.jsonValue(),
);
const exampleLike = fc.oneof(
  fc.record({ messages: fc.array(message, { maxLength: 5 }), extra: fc.jsonValue() }, { requiredKeys: ['messages'] }),
  fc.dictionary(fc.constantFrom('input', 'preferred_output', 'non_preferred_output', 'preferred_completion', 'prompt', 'completion', 'x'), fc.jsonValue()),
  fc.jsonValue(),
);

describe('validation properties', () => {
  it('never throws and keeps ranges inside the document for arbitrary strings', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 15 }), (lines) => checkText(lines.join('\n'))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), checkText), { numRuns: 200 });
  });

  it('never throws and keeps ranges inside the document for arbitrary JSON values, with fixes keeping lines valid JSON', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 15 }), (values) => checkText(values.map((v) => JSON.stringify(v)).join('\n'))), { numRuns: 300 });
    fc.assert(fc.property(fc.array(exampleLike, { maxLength: 15 }), fc.boolean(), (values, crlf) => checkText(values.map((v) => JSON.stringify(v)).join(crlf ? '\r\n' : '\n'))), { numRuns: 300 });
  });

  it('never throws and keeps ranges inside the decoded lines for arbitrary bytes, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 4, max: 200 }), async (bytes, size, maxLineBytes) => {
        const { problems } = await validateByteStream(chunksOf(bytes, size), { maxLineBytes });
        const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        const lengths = splitLines(decoded).map((l) => l.text.length);
        assertProblemsInside(problems, lengths);
      }),
      { numRuns: 300 },
    );
  });
});
