import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch folder per test file; `remove` deletes it. */
export class TempFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'ft-curate-'));
  private counter = 0;

  /** Writes `content` (text is UTF-8) to a fresh file and returns its path. */
  file(content: string | Uint8Array, name = `input-${this.counter++}.jsonl`): string {
    const path = join(this.path, name);
    writeFileSync(path, content);
    return path;
  }

  /** A fresh path that does not exist yet. */
  target(name = `output-${this.counter++}.jsonl`): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export const readText = (path: string): string => readFileSync(path, 'utf8');
export const readBytes = (path: string): Buffer => readFileSync(path);

/** The file's text, or undefined when the file does not exist (an operation that had nothing to write). */
export const readTextIfWritten = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;
