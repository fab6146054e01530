import type { DatasetFormat } from '../../../src/core/format/datasetFormat';
import type { Problem, TextEdit } from '../../../src/core/problem';
import { validateText } from '../../../src/core/validation/validateText';

/** Ten distinct valid lines of a format, so that file-level checks stay quiet around the line under test. */
export function padding(format: DatasetFormat, count = 10): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(validExample(format, i)));
  return lines;
}

/** A valid example of a format, distinct for each `i`. */
export function validExample(format: DatasetFormat, i: number): Record<string, unknown> {
  switch (format) {
    case 'chat':
      return {
        messages: [
          { role: 'user', content: `Question ${i}` },
          { role: 'assistant', content: `Answer ${i}` },
        ],
      };
    case 'rft':
      return { messages: [{ role: 'user', content: `Question ${i}` }], answer: `Answer ${i}` };
    case 'preference':
      return {
        input: { messages: [{ role: 'user', content: `Question ${i}` }] },
        preferred_output: [{ role: 'assistant', content: `Good ${i}` }],
        non_preferred_output: [{ role: 'assistant', content: `Bad ${i}` }],
      };
    case 'completion':
      return { prompt: `Question ${i}\n\n###\n\n`, completion: ` Answer ${i} END` };
  }
}

/** Problems of a file made of the padding of `format` followed by `lines`. */
export function problemsAfterPadding(format: DatasetFormat, lines: readonly string[]): Problem[] {
  return validateText([...padding(format), ...lines].join('\n'), { format }).problems;
}

/** Codes of problems, in order. */
export function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

/** Applies edits that all lie on one line to that line's text. */
export function applyToLine(lineText: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.character - a.range.start.character);
  let text = lineText;
  for (const edit of sorted) {
    if (edit.range.start.line !== edit.range.end.line) throw new Error('edit spans lines');
    text = text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character);
  }
  return text;
}

/** A single-line chat example with the given messages. */
export function chat(messages: readonly unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ messages, ...extra });
}
