import { lineRange } from '../problem';
import type { CompletionPair } from './checks/completionExample';
import { newProblem } from './newProblem';
import type { ProblemOutput } from './problemOutput';

/** The running common ending of a column of texts and the line where it vanished. */
class CommonEnding {
  private ending: string | undefined;
  private brokenAt: { line: number; length: number } | undefined;

  add(text: string, line: number, length: number): void {
    this.ending = this.ending === undefined ? text : commonSuffix(this.ending, text);
    if (this.ending === '' && this.brokenAt === undefined) this.brokenAt = { line, length };
  }

  /** The line where the texts stopped sharing an ending, if they did. */
  get broken(): { line: number; length: number } | undefined {
    return this.brokenAt;
  }
}

/**
 * The file-wide part of OpenAI's old `prepare_data` advice for legacy rows: all prompts should end with the same
 * separator and all completions with the same stop sequence. Keeps only the running common endings, so it works on
 * streams of any size.
 */
export class CompletionEndings {
  private readonly prompts = new CommonEnding();
  private readonly completions = new CommonEnding();

  add(line: number, length: number, pair: CompletionPair): void {
    this.prompts.add(pair.prompt, line, length);
    // Empty completions have their own warning; they would break every common ending.
    if (pair.completion !== '') this.completions.add(pair.completion, line, length);
  }

  problems(out: ProblemOutput): void {
    const prompt = this.prompts.broken;
    if (prompt !== undefined) {
      out.report('ft.completion-separator', () =>
        newProblem(
          'ft.completion-separator',
          'Prompts stop sharing a common ending here; end every prompt with the same separator (e.g. "\\n\\n###\\n\\n") so the model knows where the completion starts',
          lineRange(prompt.line, 0, prompt.length),
        ),
      );
    }
    const completion = this.completions.broken;
    if (completion !== undefined) {
      out.report('ft.completion-stop', () =>
        newProblem(
          'ft.completion-stop',
          'Completions stop sharing a common ending here; end every completion with the same stop sequence (e.g. "\\n" or " END") and pass it as `stop` when sampling',
          lineRange(completion.line, 0, completion.length),
        ),
      );
    }
  }
}

function commonSuffix(a: string, b: string): string {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return a.slice(a.length - n);
}
