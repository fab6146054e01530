import { validateFile } from '../../src/core/pipeline/validateFile';
import { runNode } from '../lib/childProcess';
import { seconds, times, type CaseRow } from '../lib/results';
import { fasterOfTwo, timeOnce } from '../lib/timing';
import { libraryO200k, tokenPass } from './baselines';
import type { BenchContext } from './context';

/** The cookbook pipeline on a file like this, as measured by the issue author on their machine. */
const COOKBOOK_REFERENCE_MS = 19_000;

/** Case 2: validation with token counts on both cores against floor + a one-thread token pass; and the CLI. */
export async function tokenCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.chatFile();
  const floor = await context.floor();
  const tokens = await fasterOfTwo(() => tokenPass(path));
  context.note(`  one-thread token pass ${seconds(tokens.ms)} (${tokens.value.tokens} tokens)`);
  const library = await timeOnce(() => tokenPass(path, libraryO200k));
  context.note(
    `  one-thread token pass with gpt-tokenizer's countTokens ${seconds(library.ms)} (${library.value.tokens} tokens)`,
  );
  const ours = await fasterOfTwo(() =>
    validateFile(path, { model: 'gpt-4o-mini', workerPath: context.workerPath, workers: 2 }),
  );
  context.note(
    `  validateFile with tokens, 2 workers ${seconds(ours.ms)} (${ours.value.stats?.totalTokens ?? 0} tokens)`,
  );
  const baselineMs = floor.ms + tokens.ms;
  const cliRuns = [
    await timeOnce(() => runCli(context.cliPath, path)),
    await timeOnce(() => runCli(context.cliPath, path)),
  ];
  const cliMs = Math.min(...cliRuns.map((run) => run.ms));
  context.note(`  CLI end to end ${seconds(cliMs)} (exit ${cliRuns[0]!.value})`);
  return [
    {
      id: '2',
      name: 'tokens, validateFile (2 workers) vs floor + 1-thread tokens',
      baseline: seconds(baselineMs),
      ours: seconds(ours.ms),
      ratio: times(ours.ms / baselineMs),
      measured: ours.ms / baselineMs,
      target: { label: '≤ 0.75×', value: 0.75, atMost: true },
      details: {
        floorRunsMs: floor.runsMs,
        tokenPassRunsMs: tokens.runsMs,
        oursRunsMs: ours.runsMs,
        tokensBaseline: tokens.value.tokens,
        tokensOurs: ours.value.stats?.totalTokens,
        counts: ours.value.counts,
      },
    },
    {
      id: '2-lib',
      name: "1-thread token pass: ours vs gpt-tokenizer's countTokens",
      baseline: seconds(library.ms),
      ours: seconds(tokens.ms),
      ratio: times(tokens.ms / library.ms),
      details: {
        libraryMs: library.ms,
        oursRunsMs: tokens.runsMs,
        tokensLibrary: library.value.tokens,
        tokensOurs: tokens.value.tokens,
        sameCount: library.value.tokens === tokens.value.tokens,
      },
    },
    {
      id: '2-cli',
      name: 'CLI validate --model gpt-4o-mini, wall (vs EXTERNAL 19 s ref)',
      baseline: `${seconds(COOKBOOK_REFERENCE_MS)} (ref, elsewhere)`,
      ours: seconds(cliMs),
      ratio: times(cliMs / COOKBOOK_REFERENCE_MS),
      measured: cliMs,
      target: { label: '≤ 4.75 s', value: 4_750, atMost: true },
      details: {
        cliRunsMs: cliRuns.map((run) => run.ms),
        referenceMs: COOKBOOK_REFERENCE_MS,
        note: 'reference measured by the issue author on another machine',
      },
    },
  ];
}

/** Runs the bundled CLI; exit 1 is expected (the file has deliberate errors), anything else is a crash. */
async function runCli(cliPath: string, path: string): Promise<number | null> {
  const run = await runNode([cliPath, 'validate', path, '--model', 'gpt-4o-mini']);
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`the CLI exited with ${run.code}: ${run.stderr.trim().slice(-2000)}`);
  return run.code;
}
