// Reads a Chromium trace (browser.startTracing with the devtools timeline categories) and says what the long tasks
// on the renderer's main threads were made of: per task, the self time of each kind of trace event inside it (script,
// GC, style, layout, paint, message deserialisation...) and the script functions that ran longest.
import { readFileSync } from 'node:fs';

/** The categories of a trace this module can read (as the DevTools performance panel records). */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-devtools.timeline.stack',
];

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string; readonly data?: Record<string, unknown> };
}

/** One long task: when (µs, trace clock), how long (ms), and its time by kind and by script. */
export interface TracedTask {
  readonly startUs: number;
  readonly durationMs: number;
  readonly thread: string;
  /** Self time (ms) per event name, longest first. */
  readonly byEvent: readonly { name: string; ms: number }[];
  /** Total time (ms) of the outermost script calls, by function and URL, longest first. */
  readonly byScript: readonly { name: string; ms: number }[];
}

/** Tasks are the top-level scheduler events; everything else nests in them. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'TimerFire', 'EventDispatch']);

function top<T extends { ms: number }>(values: Iterable<T>, count: number): T[] {
  return [...values].sort((a, b) => b.ms - a.ms).slice(0, count);
}

function scriptName(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const fn = typeof data.functionName === 'string' && data.functionName !== '' ? data.functionName : '(anonymous)';
  const url = typeof data.url === 'string' ? (data.url.split('/').pop() ?? '') : '';
  const type = typeof data.type === 'string' ? ` ${data.type}` : '';
  return `${event.name}${type} ${fn} ${url}:${typeof data.lineNumber === 'number' ? data.lineNumber : ''}`.trim();
}

/** Long tasks (≥ minMs) on every renderer main thread of the trace, longest first. */
export function longTasksOfTrace(path: string, minMs = 50, keep = 8): TracedTask[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const threadNames = new Map<string, string>();
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name')
      threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const thread = `${event.pid}:${event.tid}`;
    if (threadNames.get(thread) !== 'CrRendererMain') continue;
    const list = byThread.get(thread) ?? [];
    list.push(event);
    byThread.set(thread, list);
  }
  const tasks: TracedTask[] = [];
  for (const [thread, list] of byThread) {
    // Parents before children: by start, then longer first.
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    // A task event can nest in another (RunTask in ThreadControllerImpl::RunTask): only the outermost counts.
    let taskEnd = 0;
    for (let at = 0; at < list.length; at++) {
      const task = list[at]!;
      if (!TASK_EVENTS.has(task.name) || task.ts < taskEnd) continue;
      taskEnd = task.ts + task.dur!;
      if (task.dur! < minMs * 1000) continue;
      const end = task.ts + task.dur!;
      const inside: TraceEvent[] = [];
      for (let next = at + 1; next < list.length && list[next]!.ts < end; next++) inside.push(list[next]!);
      tasks.push(describeTask(task, inside, `${thread} ${threadNames.get(thread) ?? ''}`));
    }
  }
  return top(
    tasks.map((task) => ({ ...task, ms: task.durationMs })),
    keep,
  ).map(({ ms: _ms, ...task }) => task);
}

/** Self time per event name (a nested event's time is taken from its parent's), and the outermost script calls. */
function describeTask(task: TraceEvent, inside: readonly TraceEvent[], thread: string): TracedTask {
  const self = new Map<string, number>();
  const scripts = new Map<string, number>();
  const stack: { event: TraceEvent; end: number; childUs: number; inScript: boolean }[] = [];
  const close = (upTo: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= upTo) {
      const done = stack.pop()!;
      const own = done.event.dur! - done.childUs;
      self.set(done.event.name, (self.get(done.event.name) ?? 0) + own / 1000);
    }
  };
  const root = { event: task, end: task.ts + task.dur!, childUs: 0, inScript: false };
  for (const event of inside) {
    close(event.ts);
    const parent = stack[stack.length - 1] ?? root;
    parent.childUs += event.dur!;
    const isScript =
      SCRIPT_EVENTS.has(event.name) && (event.name !== 'EventDispatch' || event.args?.data !== undefined);
    if (isScript && !parent.inScript) {
      const name = scriptName(event);
      scripts.set(name, (scripts.get(name) ?? 0) + event.dur! / 1000);
    }
    stack.push({ event, end: event.ts + event.dur!, childUs: 0, inScript: parent.inScript || isScript });
  }
  close(Number.POSITIVE_INFINITY);
  self.set(task.name, (self.get(task.name) ?? 0) + (task.dur! - root.childUs) / 1000);
  return {
    startUs: task.ts,
    durationMs: task.dur! / 1000,
    thread,
    byEvent: top(
      [...self].map(([name, ms]) => ({ name, ms })),
      10,
    ),
    byScript: top(
      [...scripts].map(([name, ms]) => ({ name, ms })),
      6,
    ),
  };
}

/** A task as one line for the bench's notes. */
export function describeTracedTask(task: TracedTask): string {
  const ms = (value: number) => `${value.toFixed(1)}`;
  const events = task.byEvent.map((entry) => `${entry.name} ${ms(entry.ms)}`).join(', ');
  const scripts = task.byScript.map((entry) => `${entry.name} ${ms(entry.ms)}`).join('; ');
  return `${ms(task.durationMs)} ms: ${events}${scripts ? ` | scripts: ${scripts}` : ''}`;
}
