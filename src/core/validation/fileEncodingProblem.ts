import { sniffUtf16 } from '../text/utf16';
import { lineRange, type Problem } from '../problem';
import { usesCrOnlyLineEndings } from '../text/lineEndings';
import { newProblem } from './newProblem';

/** How many bytes from the top of a file {@link fileEncodingProblem} reads. */
export const FILE_HEAD_BYTES = 64 * 1024;

/**
 * The one problem of a file whose bytes are not UTF-8 JSONL as a whole, judged from its first bytes: UTF-16 text,
 * or lines ended by CR alone. Reporting it once replaces a syntax error or invalid byte on every line.
 */
export function fileEncodingProblem(head: Uint8Array): Problem | undefined {
  const utf16 = sniffUtf16(head);
  if (utf16 !== undefined)
    return utf16Problem(
      utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE',
      0,
      'save it as UTF-8, then validate it again',
    );
  if (usesCrOnlyLineEndings(head))
    return newProblem(
      'ft.cr-line-endings',
      'This file uses CR-only line endings (classic Mac OS); save it with LF line endings (JSONL lines end in LF), then validate it again',
      lineRange(0, 0, 0),
    );
  return undefined;
}

/**
 * The error for a file saved as UTF-16 (`encoding` as people write it, e.g. "UTF-16 LE"), on line 0; `remedy` says
 * how to save it as UTF-8 where the user is.
 */
export function utf16Problem(encoding: string, firstLineLength: number, remedy: string): Problem {
  return newProblem(
    'ft.utf16',
    `This file is ${encoding}; ${remedy} (the fine-tuning API reads UTF-8 only)`,
    lineRange(0, 0, firstLineLength),
  );
}
