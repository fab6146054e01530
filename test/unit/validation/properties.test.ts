import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../../src/core/jsonl/lines';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import type { Problem, Range } from '../../../src/core/problem';
import { quickFixes } from '../../../src/core/validation/quickFixes';
import { validateText } from '../../../src/core/validation/validateText';
import { TempFolder } from '../curate/tempFiles';
import { applyToLine } from './helpers';

function assertInside(range: Range, lengths: readonly number[], what: string): void {
  const { start, end } = range;
  assert.ok(
    start.line >= 0 && start.line < Math.max(1, lengths.length),
    `${what}: line ${start.line} of ${lengths.length}`,
  );
  assert.ok(
    start.line < end.line || (start.line === end.line && start.character <= end.character),
    `${what}: start after end`,
  );
  for (const position of [start, end]) {
    const length = lengths[position.line] ?? 0;
    assert.ok(position.line < Math.max(1, lengths.length), `${what}: line ${position.line} past the end`);
    assert.ok(
      position.character >= 0 && position.character <= length,
      `${what}: character ${position.character} of ${length}`,
    );
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
  assertProblemsInside(
    problems,
    lines.map((l) => l.text.length),
  );
  for (const problem of problems) {
    const lineText = lines[problem.range.start.line]?.text ?? '';
    for (const fix of quickFixes(problem, lineText)) {
      if (problem.code === 'ft.blank-line') continue;
      const fixed = applyToLine(lineText, fix.edits);
      if (isJson(lineText))
        assert.ok(isJson(fixed), `${problem.code} fix broke ${JSON.stringify(lineText)} into ${JSON.stringify(fixed)}`);
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

const role = fc.oneof(
  fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function', 'Assistant', 'USER', 'bot'),
  fc.jsonValue(),
);
const message = fc.oneof(
  fc.record({ role, content: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: ['role'] }),
  fc.dictionary(
    fc.constantFrom('role', 'content', 'weight', 'tool_calls', 'tool_call_id', 'name', 'mood', 'refusal'),
    fc.jsonValue(),
  ),
  fc.jsonValue(),
);
const exampleLike = fc.oneof(
  fc.record({ messages: fc.array(message, { maxLength: 5 }), extra: fc.jsonValue() }, { requiredKeys: ['messages'] }),
  fc.dictionary(
    fc.constantFrom(
      'input',
      'preferred_output',
      'non_preferred_output',
      'preferred_completion',
      'prompt',
      'completion',
      'x',
    ),
    fc.jsonValue(),
  ),
  fc.jsonValue(),
);

describe('validation properties', () => {
  it('never throws and keeps ranges inside the document for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 15 }), (lines) => checkText(lines.join('\n'))),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), checkText), { numRuns: 200 });
  });

  it('never throws and keeps ranges inside the document for arbitrary JSON values, with fixes keeping lines valid JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 15 }), (values) =>
        checkText(values.map((v) => JSON.stringify(v)).join('\n')),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(exampleLike, { maxLength: 15 }), fc.boolean(), (values, crlf) =>
        checkText(values.map((v) => JSON.stringify(v)).join(crlf ? '\r\n' : '\n')),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and keeps ranges inside the decoded lines for arbitrary bytes in a file, whatever the read size', async () => {
    const temp = new TempFolder();
    try {
      const property = fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 4, max: 200 }),
        async (bytes, readBytes, maxLineBytes) => {
          const { problems } = await validateFile(temp.file(bytes), { readBytes, maxLineBytes });
          const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
          const lengths = splitLines(decoded).map((l) => l.text.length);
          assertProblemsInside(problems, lengths);
        },
      );
      await fc.assert(property, { numRuns: 300 });
    } finally {
      temp.remove();
    }
  });

  it('validates a file from disk exactly as the editor validates its text, duplicates and conflicts included', async () => {
    // Lines drawn from a small pool, some respaced or with keys reordered, so that copies and conflicts are common.
    // At least one line: an empty editor still has one (blank) line, an empty file has none.
    const pool = fc.array(exampleLike, { minLength: 1, maxLength: 6 });
    const indent = fc.constantFrom<number | string>(0, 2, '\t');
    const temp = new TempFolder();
    try {
      // Half the lines are chat examples made of a few prompts and answers, so that prompts answered differently occur.
      const words = fc.array(fc.string({ maxLength: 80 }), { minLength: 1, maxLength: 3 });
      const property = fc.asyncProperty(
        pool,
        words,
        words,
        fc.array(fc.tuple(fc.nat(), fc.boolean(), indent), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 300 }),
        async (examples, prompts, answers, picks, readBytes) => {
          const lines = picks.map(([pick, reverse, spacing]) => {
            const value =
              pick % 2 === 0
                ? examples[(pick >> 1) % examples.length]
                : {
                    messages: [
                      { role: 'user', content: prompts[(pick >> 1) % prompts.length] },
                      { role: 'assistant', content: answers[(pick >> 3) % answers.length] },
                    ],
                  };
            const shown =
              reverse && value !== null && typeof value === 'object' && !Array.isArray(value)
                ? Object.fromEntries(Object.entries(value).reverse())
                : value;
            return JSON.stringify(shown, null, spacing);
          });
          const text = lines.map((line) => line.replace(/\n/g, ' ')).join('\n');
          const expected = validateText(text).problems;
          const { problems } = await validateFile(temp.file(text), { readBytes, maxProblemsPerCode: 1000 });
          const summary = (list: readonly Problem[]) =>
            list.map((p) => JSON.stringify([p.range, p.code, p.message, p.related]));
          assert.deepEqual(summary(problems), summary(expected));
        },
      );
      await fc.assert(property, { numRuns: 150 });
    } finally {
      temp.remove();
    }
  });
});
