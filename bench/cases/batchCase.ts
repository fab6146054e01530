import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { startSimulator, type Simulator } from '../../simulator/server';
import { chatExampleLine } from '../generate/chatExample';
import { childScript, runNode, type ChildReport } from '../lib/childProcess';
import { dataPath, ensureDataFile } from '../lib/dataFiles';
import { BenchRandom } from '../lib/random';
import { megabytes, seconds, times, type CaseRow } from '../lib/results';
import { fastestInterleaved, type Timed } from '../lib/timing';
import type { BenchContext } from './context';

const PROMPTS = 2_000;
const IN_FLIGHT = 16;
const ROUNDS = 3;
// sim-chat answers at once: no pacing (the simulator paces streams only, and these requests do not stream).
const MODEL = 'sim-chat';
const INPUT = { name: 'batch-2000-chat.jsonl', seed: 20_261_206, size: PROMPTS, version: 1 } as const;

/**
 * Case 10: 2,000 chat examples asked of the simulator with 16 requests in flight. Ours is the CLI as a user runs it
 * (`dist/cli.js run … --concurrency 16`: readPrompts → runBatch → createAsk over createClient → a results file);
 * the baseline is a plain loop, 16 workers each awaiting `chat.completions.create` over the same prompts. Both run
 * as children of the bench (each's peak RSS is its own) against one simulator in the bench's process, in turns, and
 * both times are the child's wall time, start-up included, so they count the same things.
 */
export async function batchCase(context: BenchContext): Promise<CaseRow[]> {
  const input = await context.generated(`${PROMPTS} chat examples`, ensureBatchInput);
  const output = dataPath('batch-results.jsonl');
  const simulator = await startSimulator();
  const runs = [
    { label: 'plain SDK loop', run: () => plainRun(simulator, input), peaksKb: [] as number[] },
    { label: 'CLI run', run: () => cliRun(context, simulator, input, output), peaksKb: [] as number[] },
  ];
  let plain: Timed<ChildReport>;
  let ours: Timed<ChildReport>;
  try {
    [plain, ours] = (await fastestInterleaved(
      ROUNDS,
      runs.map((side) => async () => {
        const started = performance.now();
        const report = await side.run();
        const ms = performance.now() - started;
        side.peaksKb.push(report.maxRssKb);
        context.note(
          `  ${side.label}, run ${side.peaksKb.length}: ${seconds(ms)} (${requestsPerSecond(PROMPTS, ms)}), peak RSS ${megabytes(report.maxRssKb)}`,
        );
        return report;
      }),
    )) as [Timed<ChildReport>, Timed<ChildReport>];
  } finally {
    await simulator.close();
    rmSync(output, { force: true });
  }
  const plainPeakKb = Math.max(...runs[0]!.peaksKb);
  const oursPeakKb = Math.max(...runs[1]!.peaksKb);
  const ratio = plain.ms / ours.ms;
  return [
    {
      id: '10',
      name: `batch run: ${PROMPTS.toLocaleString('en')} prompts, ${IN_FLIGHT} in flight: CLI run vs plain SDK loop, requests/s`,
      baseline: `${requestsPerSecond(PROMPTS, plain.ms)} (${seconds(plain.ms)})`,
      ours: `${requestsPerSecond(PROMPTS, ours.ms)} (${seconds(ours.ms)})`,
      ratio: times(ratio),
      measured: ratio,
      target: { label: '≥ 0.90× requests/s', value: 0.9, atMost: false },
      details: { prompts: PROMPTS, inFlight: IN_FLIGHT, plainRunsMs: plain.runsMs, oursRunsMs: ours.runsMs },
    },
    {
      id: '10-rss',
      name: 'batch run peak RSS (baseline column: plain SDK loop RSS)',
      baseline: megabytes(plainPeakKb),
      ours: megabytes(oursPeakKb),
      ratio: times(oursPeakKb / plainPeakKb),
      measured: oursPeakKb / 1024,
      target: { label: '≤ 150 MB RSS', value: 150, atMost: true },
      rss: megabytes(oursPeakKb),
    },
  ];
}

async function plainRun(simulator: Simulator, input: string): Promise<ChildReport> {
  const report = await expectRequests(simulator, async () => {
    const run = await runNode([childScript('batchPlainChild'), simulator.url, input, String(IN_FLIGHT), MODEL]);
    return lastLineReport('batchPlainChild', run.code, run.stdout, run.stderr);
  });
  if (report.answered !== PROMPTS || report.failed !== 0)
    throw new Error(`the plain loop answered ${String(report.answered)}, failed ${String(report.failed)}`);
  return report;
}

async function cliRun(
  context: BenchContext,
  simulator: Simulator,
  input: string,
  output: string,
): Promise<ChildReport> {
  // A results file left from the run before would be resumed, and nothing asked.
  rmSync(output, { force: true });
  const args = ['run', input, '--base-url', simulator.url, '-m', MODEL, '-o', output];
  const report = await expectRequests(simulator, async () => {
    const run = await runNode([
      '--require',
      childScript('batchRssPreload'),
      context.cliPath,
      ...args,
      '--concurrency',
      String(IN_FLIGHT),
      '--json',
    ]);
    return lastLineReport('dist/cli.js run', run.code, run.stdout, run.stderr);
  });
  const lines = readFileSync(output, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  if (lines.length !== PROMPTS) throw new Error(`the CLI wrote ${lines.length} results, not ${PROMPTS}`);
  return report;
}

/** Runs `run`, checking that the simulator got one chat request per prompt while it ran. */
async function expectRequests(simulator: Simulator, run: () => Promise<ChildReport>): Promise<ChildReport> {
  // The simulator keeps every request; only this run's are counted, and the bench's memory stays flat.
  simulator.requests.length = 0;
  const report = await run();
  const chats = simulator.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
  simulator.requests.length = 0;
  if (chats !== PROMPTS) throw new Error(`the simulator got ${chats} chat requests, not ${PROMPTS}`);
  return report;
}

function lastLineReport(what: string, code: number | null, stdout: string, stderr: string): ChildReport {
  const last = stdout.trimEnd().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{'))
    throw new Error(`${what} exited with ${code}: ${stderr.trim().slice(-2000)}`);
  return JSON.parse(last) as ChildReport;
}

/**
 * 2,000 chat examples from the bench's generator, leaving out the lines it spoils on purpose (both sides then ask
 * exactly the same prompts: each example without its last, assistant, turn).
 */
function ensureBatchInput(): Promise<{ path: string; reused: boolean }> {
  return ensureDataFile(INPUT.name, INPUT, (path) => {
    const random = new BenchRandom(INPUT.seed);
    const lines: string[] = [];
    for (let index = 0; lines.length < PROMPTS; index++) {
      const line = chatExampleLine(index, random);
      if (isWholeExample(line)) lines.push(line);
    }
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, `${lines.join('\n')}\n`);
    } finally {
      closeSync(fd);
    }
    return Promise.resolve();
  });
}

function isWholeExample(line: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  const messages = (value as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length < 2) return false;
  const roles = messages.map((message: unknown) =>
    typeof message === 'object' && message !== null && typeof (message as { content?: unknown }).content === 'string'
      ? (message as { role?: unknown }).role
      : undefined,
  );
  return (
    roles.every((role) => role === 'system' || role === 'user' || role === 'assistant') && roles.at(-1) === 'assistant'
  );
}

function requestsPerSecond(requests: number, ms: number): string {
  return `${(requests / (ms / 1000)).toFixed(0)} req/s`;
}
