import { resolve } from 'node:path';
import { AtomicLineWriter } from '../io/atomicWriter';
import type { CurationOutput } from './report';

/** Options for {@link writeOutputs}. */
export interface OutputOptions {
  readonly signal?: AbortSignal;
  /** The inputs: no output may overwrite one. */
  readonly protectedPaths: readonly string[];
}

/**
 * Opens one atomic writer per path, lets `fill` write to them, then commits them all. If anything fails or the
 * signal fires, every temporary file is removed and no target is touched. Targets are renamed one after another
 * at the very end, so a failure during a rename is the only way to get some outputs but not all.
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
    await fill(writers);
    options.signal?.throwIfAborted();
    const outputs: CurationOutput[] = [];
    for (const writer of writers) outputs.push({ path: writer.targetPath, lines: (await writer.commit()).lines });
    return outputs;
  } finally {
    for (const writer of writers) await writer.abort();
  }
}
