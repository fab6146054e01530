// Runs inside the playground's webview frame (bundled by the bench and evaluated there): watches the page from the
// outside, without touching the playground's code. Host messages are seen with a listener on the window (Chromium
// runs it after the page's own, which was added first, so times come from the event's timeStamp: when the webview's
// outer frame posted the message in), the DOM with a MutationObserver, the main thread with `longtask` (here) and
// `long-animation-frame` (in the top window: Chromium reports animation frames to the top-level frame only) and a
// requestAnimationFrame loop.
import {
  PROBE_GLOBAL,
  type FrameScript,
  type LongFrame,
  type LongTask,
  type PlaygroundProbe,
  type RenderRun,
  type ReplyEnd,
  type ScriptTotal,
  type TtftTrial,
} from '../lib/playgroundProbeApi';

// TypeScript's DOM library has no type for the long-animation-frame entry yet.
interface ScriptEntry {
  readonly duration: number;
  readonly invoker: string;
  readonly sourceURL: string;
  readonly sourceFunctionName: string;
  readonly sourceCharPosition: number;
  readonly forcedStyleAndLayoutDuration: number;
}
interface AnimationFrameEntry extends PerformanceEntry {
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly ScriptEntry[];
}

interface HostMessage {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly chunk?: { readonly type?: unknown; readonly text?: unknown };
}

/** The global `hostRoundTrip` is installed as (the TTFT case calls it by this name). */
const ROUND_TRIP_GLOBAL = '__ftBenchHostRoundTrip';
/** The global `directChat` is installed as (the TTFT case calls it by this name). */
const DIRECT_CHAT_GLOBAL = '__ftBenchDirectChat';
/** `{ arm, result }`: a direct chat posted from a key press (the TTFT case calls it by this name). */
const KEY_CHAT_GLOBAL = '__ftBenchKeyChat';

const ENDED = ['done', 'incomplete', 'stalled', 'stopped', 'error'];
/** Long tasks, frames and scripts kept per run: the longest ones say where the time goes. */
const KEEP_TASKS = 10;
const KEEP_FRAMES = 5;
const KEEP_SCRIPTS = 4;
const KEEP_TOTALS = 8;

const tasks: LongTask[] = [];
const frames: (LongFrame & { allScripts: readonly FrameScript[] })[] = [];

// A long task's entry name is its attribution: `self` for the webview's own code.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    tasks.push({ startMs: entry.startTime, durationMs: entry.duration, attribution: entry.name });
}).observe({ type: 'longtask', buffered: true });

function scriptOf(script: ScriptEntry): FrameScript {
  return {
    durationMs: script.duration,
    url: script.sourceURL,
    file:
      script.sourceURL
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() || '(inline)',
    charPosition: script.sourceCharPosition,
    functionName: script.sourceFunctionName,
    invoker: script.invoker,
    forcedLayoutMs: script.forcedStyleAndLayoutDuration,
  };
}

// The top window's clock starts earlier than this frame's: its times are moved onto this frame's clock.
const top = (window.top ?? window) as Window & typeof globalThis;
const topOffset = top.performance.timeOrigin - performance.timeOrigin;
new top.PerformanceObserver((list) => {
  for (const entry of list.getEntries() as AnimationFrameEntry[]) {
    const allScripts = entry.scripts.map(scriptOf).sort((a, b) => b.durationMs - a.durationMs);
    frames.push({
      startMs: entry.startTime + topOffset,
      durationMs: entry.duration,
      renderMs: entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
      scripts: allScripts.slice(0, KEEP_SCRIPTS),
      allScripts,
    });
  }
}).observe({ type: 'long-animation-frame', buffered: true });

// The longest gap between animation frames while a render run is armed.
let lastFrameAt: number | undefined;
let longestGap = 0;
function watchFrames(at: number): void {
  if (lastFrameAt !== undefined) longestGap = Math.max(longestGap, at - lastFrameAt);
  lastFrameAt = at;
  requestAnimationFrame(watchFrames);
}
requestAnimationFrame(watchFrames);

/** Stream messages per request id: how many, and when the last one was handed to the frame. */
const streams = new Map<number, { count: number; lastAt: number }>();
let firstTextChunkAt: number | undefined;

/** When each column's reply was shown as ended, and (once its response message is seen) whose request it was. */
const ends = new Map<number, { status: string; at: number; requestId: number | undefined }>();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const at = event.timeStamp;
  const { type, id, chunk } = event.data ?? {};
  if (typeof id !== 'number') return;
  if (type === 'stream') {
    const direct = directChats.get(id);
    if (direct) {
      if (chunk?.type === 'delta') direct.firstDeltaAt ??= at;
      return;
    }
    const seen = streams.get(id) ?? { count: 0, lastAt: at };
    seen.count++;
    seen.lastAt = at;
    streams.set(id, seen);
    if (chunk?.type === 'delta' && typeof chunk.text === 'string' && chunk.text !== '') firstTextChunkAt ??= at;
  } else if (type === 'response') {
    const roundTrip = roundTrips.get(id);
    if (roundTrip) {
      roundTrips.delete(id);
      directChats.delete(id);
      roundTrip(at);
      return;
    }
    // The page's listener ran first and, in its microtasks, showed this request's reply as ended.
    for (const end of ends.values()) end.requestId ??= id;
  }
});

let sentAt: number | undefined;
// Capture on the window: runs before the prompt box's own keydown listener sends the message.
window.addEventListener(
  'keydown',
  (event) => {
    const target = event.target as HTMLElement | null;
    if (event.key === 'Enter' && !event.shiftKey && target?.id === 'prompt') sentAt ??= performance.now();
  },
  { capture: true },
);

/** The status class of the last reply in each column, in column order. */
function replyStatuses(): (string | undefined)[] {
  return [...document.querySelectorAll('section[data-column]')].map((column) => {
    const replies = column.querySelectorAll('.message.assistant');
    const last = replies[replies.length - 1];
    return last ? ['streaming', ...ENDED].find((status) => last.classList.contains(status)) : undefined;
  });
}

function isEnded(status: string | undefined): boolean {
  return status !== undefined && ENDED.includes(status);
}

/** Runs on every DOM change; what it checks depends on the measurement armed. */
let onMutation: (() => void) | undefined;
new MutationObserver(() => onMutation?.()).observe(document.body, {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['class'],
});

/** Resolves when `check` returns a value (checked on every DOM change); rejects when it throws or after `timeoutMs`. */
function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      onMutation = undefined;
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`));
    }, timeoutMs);
    const run = () => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        stop();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value === undefined) return;
      stop();
      resolve(value);
    };
    onMutation = run;
    run();
  });
}

let firstTextAt: number | undefined;

function armTtft(): void {
  sentAt = undefined;
  firstTextChunkAt = undefined;
  firstTextAt = undefined;
}

function ttftResult(timeoutMs: number): Promise<TtftTrial> {
  return waitFor(
    () => {
      if (sentAt === undefined) return undefined;
      const reply = document.querySelector('.message.assistant');
      if (firstTextAt === undefined && (reply?.querySelector('.reply-text')?.textContent ?? '') !== '')
        firstTextAt = performance.now();
      const status = replyStatuses()[0];
      if (!isEnded(status)) return undefined;
      if (firstTextAt === undefined || firstTextChunkAt === undefined)
        throw new Error(`the reply ended (${status}) before its text was seen: ${reply?.textContent ?? ''}`);
      const shown = /first token (\d+) ms/.exec(reply?.querySelector('.status')?.textContent ?? '')?.[1];
      return {
        toFirstChunkMs: firstTextChunkAt - sentAt,
        toFirstTextMs: firstTextAt - sentAt,
        shownTtftMs: shown === undefined ? undefined : Number(shown),
        status: status!,
        sentAtEpochMs: performance.timeOrigin + sentAt,
      };
    },
    timeoutMs,
    () => `the reply (sent: ${sentAt !== undefined}, text: ${firstTextAt !== undefined}, ${replyStatuses().join()})`,
  );
}

let renderColumns = 0;
let idleLongest = 0;

async function armRender(columns: number, idleMs: number): Promise<void> {
  const idleFrom = performance.now();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  idleLongest = Math.max(0, ...tasks.filter((task) => task.startMs >= idleFrom).map((task) => task.durationMs));
  renderColumns = columns;
  ends.clear();
  streams.clear();
  sentAt = undefined;
  longestGap = 0;
  lastFrameAt = undefined;
}

async function renderResult(timeoutMs: number): Promise<RenderRun> {
  await waitFor(
    () => {
      replyStatuses().forEach((status, index) => {
        if (isEnded(status) && !ends.has(index + 1))
          ends.set(index + 1, { status: status!, at: performance.now(), requestId: undefined });
      });
      return sentAt !== undefined && ends.size >= renderColumns ? true : undefined;
    },
    timeoutMs,
    () => `${renderColumns} replies to end (${replyStatuses().join()})`,
  );
  // The last reply's response message is handled by this probe's listener after the page's; wait for it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return renderRun(sentAt!);
}

function replyEnd(column: number, end: { status: string; at: number; requestId: number | undefined }): ReplyEnd {
  const stream = end.requestId === undefined ? undefined : streams.get(end.requestId);
  if (stream === undefined) throw new Error(`column ${column}'s reply ended without a stream message seen for it`);
  return {
    column,
    status: end.status,
    lastChunkToShownMs: end.at - stream.lastAt,
    chunks: stream.count,
    sinceSendMs: end.at - sentAt!,
  };
}

function scriptTotals(of: readonly FrameScript[]): ScriptTotal[] {
  const totals = new Map<string, ScriptTotal>();
  for (const script of of) {
    const key = `${script.file}:${script.charPosition}:${script.invoker}`;
    const total = totals.get(key);
    totals.set(key, {
      url: script.url,
      file: script.file,
      charPosition: script.charPosition,
      functionName: script.functionName,
      invoker: script.invoker,
      totalMs: (total?.totalMs ?? 0) + script.durationMs,
      calls: (total?.calls ?? 0) + 1,
    });
  }
  return [...totals.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, KEEP_TOTALS);
}

function renderRun(from: number): RenderRun {
  const replies = [...ends].map(([column, end]) => replyEnd(column, end));
  const to = Math.max(...replies.map((reply) => from + reply.sinceSendMs));
  const during = <T extends { startMs: number }>(entries: T[]) =>
    entries.filter((entry) => entry.startMs >= from && entry.startMs <= to);
  const runFrames = during(frames);
  return {
    sentAtMs: from,
    replies,
    longTasks: during(tasks)
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, KEEP_TASKS),
    longFrames: [...runFrames]
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, KEEP_FRAMES)
      .map(({ allScripts: _all, ...frame }) => frame),
    scriptTotals: scriptTotals(runFrames.flatMap((frame) => frame.allScripts)),
    longestFrameGapMs: longestGap,
    idleLongestTaskMs: idleLongest,
  };
}

/** Round trips in flight (their ids are far above the page's own), resolved with the response's `timeStamp`. */
const roundTrips = new Map<number, (at: number) => void>();
let nextRoundTripId = 1_000_000_000;
/** What VS Code's webview frame (pre/index.html) defines for the content frame's `acquireVsCodeApi` to post through. */
const VSCODE_POST = '__vscode_post_message__';
type VsCodePost = (channel: 'onmessage', data: { message: unknown; transfer: undefined }) => void;

/** VS Code's outer webview frame around this one: the page's API object posts through its function. */
function outerPost(): VsCodePost {
  for (let at = 0; at < top.frames.length; at++) {
    const outer = top.frames[at] as Window & Record<string, unknown>;
    try {
      const inner = outer.document.getElementById('active-frame') as HTMLIFrameElement | null;
      if (inner?.contentWindow === window && typeof outer[VSCODE_POST] === 'function')
        return outer[VSCODE_POST] as VsCodePost;
    } catch {
      // Another origin's frame: not ours.
    }
  }
  throw new Error('The outer webview frame was not found.');
}

/** Chat requests the probe posted itself: when their first text chunk was handed to this frame. */
const directChats = new Map<number, { firstDeltaAt: number | undefined }>();

/** A request posted the way the page's API object posts it; resolves when its response is handed to this frame. */
function directRequest(
  method: string,
  params: unknown,
): Promise<{ postedAt: number; respondedAt: number; id: number }> {
  const id = nextRoundTripId++;
  const post = outerPost();
  return new Promise((resolve) => {
    const postedAt = performance.now();
    roundTrips.set(id, (respondedAt) => resolve({ postedAt, respondedAt, id }));
    post('onmessage', { message: { type: 'request', id, method, params }, transfer: undefined });
  });
}

/**
 * The transport alone: `listModels` without refresh, which the host answers from its catalog. Resolves with the time
 * from the post to the response handed to this frame (its message event's `timeStamp`), in ms.
 */
async function hostRoundTrip(): Promise<number> {
  const { postedAt, respondedAt } = await directRequest('listModels', {});
  return respondedAt - postedAt;
}

/**
 * A chat request with these params, posted straight to the host (not through the page: no keydown, state or render),
 * its stream ignored by the page. Resolves with when it was posted (wall clock, to line up with the server's log) and
 * the time from the post to its first text chunk handed to this frame.
 */
async function directChat(params: unknown): Promise<{ postedAtEpochMs: number; toFirstChunkMs: number }> {
  const chat = { firstDeltaAt: undefined as number | undefined };
  const request = directRequest('chat', params);
  directChats.set(nextRoundTripId - 1, chat);
  const { postedAt } = await request;
  if (chat.firstDeltaAt === undefined) throw new Error('The direct chat request streamed no text.');
  return { postedAtEpochMs: performance.timeOrigin + postedAt, toFirstChunkMs: chat.firstDeltaAt - postedAt };
}

/** A direct chat to post from the next keydown of this key (so it leaves from an input task, as the page's does). */
let keyChat: { key: string; params: unknown; result?: ReturnType<typeof directChat> } | undefined;
window.addEventListener(
  'keydown',
  (event) => {
    if (keyChat && event.key === keyChat.key && !keyChat.result) keyChat.result = directChat(keyChat.params);
  },
  { capture: true },
);

function armKeyChat(key: string, params: unknown): void {
  keyChat = { key, params };
}

async function keyChatResult(): ReturnType<typeof directChat> {
  const result = keyChat?.result;
  keyChat = undefined;
  if (!result) throw new Error('No key press posted the chat request.');
  return result;
}

/** Installed beside the probe (PlaygroundProbeApi's interface is not this helper's to change). */
(globalThis as Record<string, unknown>)[ROUND_TRIP_GLOBAL] = hostRoundTrip;
(globalThis as Record<string, unknown>)[DIRECT_CHAT_GLOBAL] = directChat;
(globalThis as Record<string, unknown>)[KEY_CHAT_GLOBAL] = { arm: armKeyChat, result: keyChatResult };

const probe: PlaygroundProbe = { armTtft, ttftResult, armRender, renderResult };
(globalThis as Record<string, unknown>)[PROBE_GLOBAL] = probe;
