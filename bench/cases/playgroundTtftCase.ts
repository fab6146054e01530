import OpenAI from 'openai';
import { startSimulator, type Simulator } from '../../simulator/server';
import { ProbeClient } from '../lib/playgroundProbe';
import type { TtftTrial } from '../lib/playgroundProbeApi';
import { openPlaygroundSession, setColumns, type PlaygroundSession } from '../lib/playgroundSession';
import { millis, times, type CaseRow } from '../lib/results';
import { percentile } from '../lib/timing';
import type { BenchContext } from './context';
import { TRACE_CATEGORIES } from './playgroundTrace';

const CONNECTION = { id: 'bench-ttft', name: 'Bench simulator' };
const MODEL = 'sim-chat';
const PROMPT = 'How long does the first token take to reach the screen?';
const WARM_UP = 2;
const TRIALS = 20;
const TRIAL_TIMEOUT_MS = 30_000;
/** `BENCH_TRACE_TTFT=<file>` records a Chromium trace of the last webview trial there (it slows that trial). */
const TRACE_PATH = process.env.BENCH_TRACE_TTFT;

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
  tracePath?: string,
): Promise<WebviewTrial> {
  const { webview } = session;
  await webview.locator('vscode-button[aria-label="Clear all conversations"]').click();
  await webview.locator('.message').first().waitFor({ state: 'detached' });
  const prompt = webview.getByLabel('Message to send to every column');
  await prompt.fill(PROMPT);
  await probe.armTtft();
  const before = arrivals.length;
  const browser = session.page.context().browser();
  if (tracePath !== undefined)
    await browser?.startTracing(session.page, { path: tracePath, categories: TRACE_CATEGORIES });
  await prompt.press('Enter');
  const trial = await probe.ttftResult(TRIAL_TIMEOUT_MS);
  if (tracePath !== undefined) await browser?.stopTracing();
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
  /** A no-op request from the webview's frame to the host and back, after each webview trial. */
  readonly roundTripMs: number[];
  /** The same chat request posted straight from the frame to the host (no keydown, state or render), after each. */
  readonly direct: DirectChat[];
  /** The same, posted from the keydown of a key the page ignores, after each. */
  readonly keyed: DirectChat[];
}

interface DirectChat {
  /** The post → the request at the simulator. */
  readonly toServerMs: number;
  /** The post → its first text chunk handed to the frame. */
  readonly toFirstChunkMs: number;
}

/** The global the probe (bench/probes/playgroundProbe.ts) installs its host round trip as. */
const ROUND_TRIP_GLOBAL = '__ftBenchHostRoundTrip';

const DIRECT_CHAT_GLOBAL = '__ftBenchDirectChat';

/** The chat request the page sends for the prompt. */
function chatParams(): Record<string, unknown> {
  return {
    connectionId: CONNECTION.id,
    model: MODEL,
    systemPrompt: '',
    turns: [{ role: 'user', content: PROMPT }],
    parameters: {},
  };
}

/** The chat request the page sends for the prompt, posted by the probe in the frame straight to the host. */
async function directChat(session: PlaygroundSession, arrivals: readonly number[]): Promise<DirectChat> {
  const params = chatParams();
  const before = arrivals.length;
  const result = await session.frame.evaluate<{ postedAtEpochMs: number; toFirstChunkMs: number }>(
    `window.${DIRECT_CHAT_GLOBAL}(${JSON.stringify(params)})`,
  );
  if (arrivals.length !== before + 1)
    throw new Error(`${arrivals.length - before} requests reached the simulator, not 1.`);
  return { toServerMs: arrivals[before]! - result.postedAtEpochMs, toFirstChunkMs: result.toFirstChunkMs };
}

const KEY_CHAT_GLOBAL = '__ftBenchKeyChat';
/** A key the page ignores (it types into the prompt box, which each trial fills again). */
const KEY_CHAT_KEY = 'x';

/** The same direct chat, posted by the probe from the keydown of a key the page ignores: an input task, as Enter's. */
async function keyChat(session: PlaygroundSession, arrivals: readonly number[]): Promise<DirectChat> {
  const before = arrivals.length;
  await session.frame.evaluate(
    `window.${KEY_CHAT_GLOBAL}.arm(${JSON.stringify(KEY_CHAT_KEY)}, ${JSON.stringify(chatParams())})`,
  );
  await session.webview.getByLabel('Message to send to every column').press(KEY_CHAT_KEY);
  const result = await session.frame.evaluate<{ postedAtEpochMs: number; toFirstChunkMs: number }>(
    `window.${KEY_CHAT_GLOBAL}.result()`,
  );
  if (arrivals.length !== before + 1)
    throw new Error(`${arrivals.length - before} requests reached the simulator, not 1.`);
  return { toServerMs: arrivals[before]! - result.postedAtEpochMs, toFirstChunkMs: result.toFirstChunkMs };
}

/** The transport alone: a request the host answers from memory, posted and answered as the page's requests are. */
function hostRoundTrip(session: PlaygroundSession): Promise<number> {
  return session.frame.evaluate<number>(`window.${ROUND_TRIP_GLOBAL}()`);
}

/** SDK and webview in turns, so both see the same machine (a shared VM's speed drifts). */
async function runTrials(session: PlaygroundSession, simulator: Simulator): Promise<Trials> {
  const probe = await ProbeClient.install(session.frame);
  await setColumns(session.webview, 1, CONNECTION.name, MODEL);
  const client = new OpenAI({ baseURL: simulator.url, apiKey: 'bench', maxRetries: 0 });
  const arrivals = recordArrivals(simulator);
  const trials: Trials = { sdkMs: [], webview: [], roundTripMs: [], direct: [], keyed: [] };
  for (let at = 0; at < WARM_UP + TRIALS; at++) {
    const sdk = await sdkTtft(client);
    const traced = TRACE_PATH !== undefined && at === WARM_UP + TRIALS - 1;
    const webview = await webviewTtft(session, probe, arrivals, traced ? TRACE_PATH : undefined);
    const roundTrip = await hostRoundTrip(session);
    const direct = await directChat(session, arrivals);
    const keyed = await keyChat(session, arrivals);
    if (at < WARM_UP) continue;
    trials.direct.push(direct);
    trials.keyed.push(keyed);
    trials.sdkMs.push(sdk);
    trials.webview.push(webview);
    trials.roundTripMs.push(roundTrip);
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

function ttftRows({ sdkMs, webview, roundTripMs, direct, keyed }: Trials, context: BenchContext): CaseRow[] {
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
  const roundTrip = median(roundTripMs);
  const directOut = median(direct.map((chat) => chat.toServerMs));
  const directFirst = median(direct.map((chat) => chat.toFirstChunkMs));
  const keyedOut = median(keyed.map((chat) => chat.toServerMs));
  const keyedFirst = median(keyed.map((chat) => chat.toFirstChunkMs));
  context.note(
    `  medians of ${TRIALS}: SDK ${millis(sdk)}; playground ${millis(text)} = Enter → request at the simulator ` +
      `${millis(toServer)}, → first chunk in the frame ${millis(back)}, → text in the DOM ${millis(render)}; ` +
      `its own "first token" metric ${shownValues.length === 0 ? 'not shown' : millis(shown)}; ` +
      `a no-op request webview → host → webview ${millis(roundTrip)} (min ${millis(Math.min(...roundTripMs))}); ` +
      `the chat request posted straight from the frame: → the simulator ${millis(directOut)}, ` +
      `→ first chunk in the frame ${millis(directFirst)}; posted so from a keydown the page ignores: → the simulator ` +
      `${millis(keyedOut)}, → first chunk ${millis(keyedFirst)}`,
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
      details: { addedMedianMs: added, sdkMs, webview, roundTripMs, direct, keyed },
    },
    row('6-out', 'Enter → the request at the simulator', toServer),
    row('6-back', 'the request at the simulator → first chunk in the webview', back),
    row('6-render', 'first chunk in the webview → its text in the DOM', render),
    row('6-rtt', 'a no-op request webview → host → webview (transport)', roundTrip),
    row('6-direct-out', 'the chat request posted from the frame, not the page → at the simulator', directOut),
    row('6-direct', 'the chat request posted from the frame, not the page → first chunk in the frame', directFirst),
    row('6-key-out', 'the same, posted from a keydown the page ignores → at the simulator', keyedOut),
    shownValues.length === 0
      ? { ...row('6-shown', 'the webview\u2019s own "first token" metric', NaN), ours: 'not shown', ratio: '' }
      : row('6-shown', 'the webview\u2019s own "first token" metric', shown),
  ];
}
