import OpenAI from 'openai';
import { startSimulator, type Simulator } from '../../simulator/server';
import { ProbeClient } from '../lib/playgroundProbe';
import type { TtftTrial } from '../lib/playgroundProbeApi';
import { openPlaygroundSession, setColumns, type PlaygroundSession } from '../lib/playgroundSession';
import { millis, times, type CaseRow } from '../lib/results';
import { percentile } from '../lib/timing';
import type { BenchContext } from './context';

const CONNECTION = { id: 'bench-ttft', name: 'Bench simulator' };
const MODEL = 'sim-chat';
const PROMPT = 'How long does the first token take to reach the screen?';
const WARM_UP = 2;
const TRIALS = 20;
const TRIAL_TIMEOUT_MS = 30_000;

/** The direct call: the openai SDK streaming the same request the playground sends, to the first reply text. */
async function sdkTtft(client: OpenAI): Promise<number> {
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: PROMPT }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let firstAt: number | undefined;
  for await (const chunk of stream) if (chunk.choices[0]?.delta.content) firstAt ??= performance.now();
  if (firstAt === undefined) throw new Error('The SDK stream had no reply text.');
  return firstAt - started;
}

/**
 * When each request reached the simulator, on the wall clock (performance.timeOrigin + now, as the probe's): its live
 * request list is appended once per request as it arrives, so its push is wrapped to take the time.
 */
function recordArrivals(simulator: Simulator): number[] {
  const arrivals: number[] = [];
  const requests = simulator.requests;
  const push = requests.push.bind(requests);
  requests.push = (...items) => {
    const at = performance.timeOrigin + performance.now();
    arrivals.push(...items.map(() => at));
    return push(...items);
  };
  return arrivals;
}

/** One message from the prompt box to a cleared conversation, timed inside the webview frame. */
async function webviewTtft(
  session: PlaygroundSession,
  probe: ProbeClient,
  arrivals: readonly number[],
): Promise<WebviewTrial> {
  const { webview } = session;
  await webview.locator('vscode-button[aria-label="Clear all conversations"]').click();
  await webview.locator('.message').first().waitFor({ state: 'detached' });
  const prompt = webview.getByLabel('Message to send to every column');
  await prompt.fill(PROMPT);
  await probe.armTtft();
  const before = arrivals.length;
  await prompt.press('Enter');
  const trial = await probe.ttftResult(TRIAL_TIMEOUT_MS);
  if (trial.status !== 'done') throw new Error(`The playground's reply ended as ${trial.status}.`);
  if (arrivals.length !== before + 1)
    throw new Error(`${arrivals.length - before} requests reached the simulator, not 1.`);
  const toServerMs = arrivals[before]! - trial.sentAtEpochMs;
  return { ...trial, toServerMs };
}

/** A webview trial, and when its request reached the simulator (after Enter). */
interface WebviewTrial extends TtftTrial {
  readonly toServerMs: number;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

interface Trials {
  readonly sdkMs: number[];
  readonly webview: WebviewTrial[];
}

/** SDK and webview in turns, so both see the same machine (a shared VM's speed drifts). */
async function runTrials(session: PlaygroundSession, simulator: Simulator): Promise<Trials> {
  const probe = await ProbeClient.install(session.frame);
  await setColumns(session.webview, 1, CONNECTION.name, MODEL);
  const client = new OpenAI({ baseURL: simulator.url, apiKey: 'bench', maxRetries: 0 });
  const arrivals = recordArrivals(simulator);
  const trials: Trials = { sdkMs: [], webview: [] };
  for (let at = 0; at < WARM_UP + TRIALS; at++) {
    const sdk = await sdkTtft(client);
    const webview = await webviewTtft(session, probe, arrivals);
    if (at < WARM_UP) continue;
    trials.sdkMs.push(sdk);
    trials.webview.push(webview);
  }
  return trials;
}

/**
 * Case 6: time to first token in the playground (Enter in the prompt box → the first reply text in the webview's DOM)
 * against the openai SDK's time to first token from the same simulator, in turns, 20 of each after a warm-up.
 */
export async function playgroundTtftCase(context: BenchContext): Promise<CaseRow[]> {
  const simulator = await startSimulator();
  try {
    const session = await openPlaygroundSession([{ ...CONNECTION, baseUrl: simulator.url }]);
    let trials: Trials;
    try {
      trials = await runTrials(session, simulator);
    } finally {
      await session.close();
    }
    return ttftRows(trials, context);
  } finally {
    await simulator.close();
  }
}

function ttftRows({ sdkMs, webview }: Trials, context: BenchContext): CaseRow[] {
  const sdk = median(sdkMs);
  const of = (value: (trial: WebviewTrial) => number) => median(webview.map(value));
  // Paired differences: each webview trial against the SDK call just before it.
  const added = median(webview.map((trial, at) => trial.toFirstTextMs - sdkMs[at]!));
  const text = of((trial) => trial.toFirstTextMs);
  const toServer = of((trial) => trial.toServerMs);
  const back = of((trial) => trial.toFirstChunkMs - trial.toServerMs);
  const render = of((trial) => trial.toFirstTextMs - trial.toFirstChunkMs);
  const shownValues = webview.flatMap((trial) => (trial.shownTtftMs === undefined ? [] : [trial.shownTtftMs]));
  const shown = median(shownValues);
  context.note(
    `  medians of ${TRIALS}: SDK ${millis(sdk)}; playground ${millis(text)} = Enter → request at the simulator ` +
      `${millis(toServer)}, → first chunk in the frame ${millis(back)}, → text in the DOM ${millis(render)}; ` +
      `its own "first token" metric ${shownValues.length === 0 ? 'not shown' : millis(shown)}`,
  );
  const row = (id: string, name: string, ms: number): CaseRow => ({
    id,
    name: `playground TTFT: ${name}`,
    baseline: millis(sdk),
    ours: millis(ms),
    ratio: times(ms / sdk),
  });
  return [
    {
      ...row('6', 'Enter → first reply text shown, median (vs SDK)', text),
      measured: added,
      target: { label: '≤ 10 ms added', value: 10, atMost: true },
      details: { addedMedianMs: added, sdkMs, webview },
    },
    row('6-out', 'Enter → the request at the simulator', toServer),
    row('6-back', 'the request at the simulator → first chunk in the webview', back),
    row('6-render', 'first chunk in the webview → its text in the DOM', render),
    shownValues.length === 0
      ? { ...row('6-shown', 'the webview\u2019s own "first token" metric', NaN), ours: 'not shown', ratio: '' }
      : row('6-shown', 'the webview\u2019s own "first token" metric', shown),
  ];
}
