import { resolve } from 'node:path';
import { AtomicLineWriter, type OpenTemporary } from '../io/atomicWriter';
import { commitTogether } from '../io/commitTogether';
import type { CurationOutput } from './report';

/** Options for {@link writeOutputs}. */
export interface OutputOptions {
  readonly signal?: AbortSignal;
  /** The inputs: no output may overwrite one, and new outputs get no permission bit that any of them lacks. */
  readonly protectedPaths: readonly string[];
  /** How temporary files are created (tests inject failures). */
  readonly openTemporary?: OpenTemporary;
}

/**
 * Opens one atomic writer per path, lets `fill` write to them, then commits them together (see `commitTogether`):
 * all outputs are replaced, or none. If anything fails or the signal fires, every temporary file is removed and no
 * target is touched. When `fill` wrote no line at all (an empty input, or every example dropped) nothing is written
 * either and the result is empty: existing outputs are never replaced by empty files.
 */
export async function writeOutputs(
  paths: readonly string[],
  options: OutputOptions,
  fill: (writers: readonly AtomicLineWriter[]) => Promise<void>,
): Promise<CurationOutput[]> {
  if (new Set(paths.map((path) => resolve(path))).size !== paths.length) {
    throw new Error(`The outputs must be different files: ${paths.join(', ')}`);
  }
  const writers: AtomicLineWriter[] = [];
  try {
    for (const path of paths) writers.push(await AtomicLineWriter.open(path, options));
    // Two spellings of one file (a symbolic link to the other output) would silently keep only the last one.
    if (new Set(writers.map((writer) => writer.writtenPath)).size !== writers.length) {
      throw new Error(`The outputs must be different files: ${paths.join(', ')}`);
    }
    await fill(writers);
    options.signal?.throwIfAborted();
    if (writers.every((writer) => writer.lineCount === 0)) return [];
    const results = await commitTogether(writers, options.signal);
    return writers.map((writer, i) => ({ path: writer.targetPath, lines: results[i]!.lines }));
  } finally {
    for (const writer of writers) await writer.abort();
  }
}
