// What the in-page probe (bench/probes/playgroundProbe.ts, run inside the playground's webview frame) measures and
// returns. Types only, shared by the probe and the cases that read it; every time is in the frame's own clock (ms).

/** The global the probe installs itself as, in the webview's content frame. */
export const PROBE_GLOBAL = '__ftBenchPlaygroundProbe';

/** One message sent from the prompt box to one column. */
export interface TtftTrial {
  /** Enter keydown in the prompt box → the first stream message with reply text handed to the frame. */
  readonly toFirstChunkMs: number;
  /** Enter keydown → the first reply text in the DOM (what the user sees, after the webview's render). */
  readonly toFirstTextMs: number;
  /** The webview's own metric, "first token N ms" on the finished reply (whole milliseconds). */
  readonly shownTtftMs: number | undefined;
  /** The reply's status class when it ended: `done` when it ended with a finish reason. */
  readonly status: string;
  /** The Enter keydown on the wall clock (performance.timeOrigin + now), to line up with the server's log. */
  readonly sentAtEpochMs: number;
}

/** A main-thread task of 50 ms or more (PerformanceObserver `longtask`). */
export interface LongTask {
  readonly startMs: number;
  readonly durationMs: number;
  /**
   * Whose task Chromium says it was, seen from the webview's frame: `self` (the webview's own code),
   * `same-origin-ancestor` (the workbench around it, which shares the main thread), or another attribution.
   */
  readonly attribution: string;
}

/** Where a script that ran in a long animation frame came from (PerformanceObserver `long-animation-frame`). */
export interface ScriptSource {
  /** The script's URL as the page loaded it. */
  readonly url: string;
  /** The script file's name (`playground.js`, `workbench.js`, `index.html` for the webview's outer frame). */
  readonly file: string;
  /** Where in the file the function that was called starts. */
  readonly charPosition: number;
  readonly functionName: string;
  /** What called it, e.g. `DOMWindow.onmessage event-listener`. */
  readonly invoker: string;
}

export interface FrameScript extends ScriptSource {
  readonly durationMs: number;
  readonly forcedLayoutMs: number;
}

/** A frame that took 50 ms or more, script and rendering (style, layout, paint) included. */
export interface LongFrame {
  readonly startMs: number;
  readonly durationMs: number;
  /** Time spent on style and layout at the end of the frame. */
  readonly renderMs: number;
  /** The longest scripts of the frame, longest first. */
  readonly scripts: readonly FrameScript[];
}

/** Script time in long animation frames over a run, summed per function called. */
export interface ScriptTotal extends ScriptSource {
  readonly totalMs: number;
  readonly calls: number;
}

/** How one column's reply ended. */
export interface ReplyEnd {
  readonly column: number;
  /** The reply's status class: `done` when it ended with a finish reason. */
  readonly status: string;
  /**
   * The request's last stream message handed to the webview's frame (the message event's timeStamp: when the
   * webview's outer frame posted it) → the reply shown as ended in the DOM.
   */
  readonly lastChunkToShownMs: number;
  /** Stream messages the frame received for this reply. */
  readonly chunks: number;
  /** The Enter keydown → the reply shown as ended. */
  readonly sinceSendMs: number;
}

export interface RenderRun {
  /** The Enter keydown on the frame's clock (`startMs` of the tasks and frames below are on it too). */
  readonly sentAtMs: number;
  readonly replies: readonly ReplyEnd[];
  /** Long tasks from the Enter keydown until every reply ended, longest first (at most 10). */
  readonly longTasks: readonly LongTask[];
  /** Long animation frames over the same time, longest first (at most 5). */
  readonly longFrames: readonly LongFrame[];
  /** Script time within long animation frames, per function called, most first (at most 8). */
  readonly scriptTotals: readonly ScriptTotal[];
  /** The longest gap between two requestAnimationFrame callbacks: the fallback when longtask reports nothing. */
  readonly longestFrameGapMs: number;
  /** Long tasks seen in the idle second before sending (the workbench's own background work). */
  readonly idleLongestTaskMs: number;
}

/** The probe's methods, called from Node with `frame.evaluate`. */
export interface PlaygroundProbe {
  /** Starts a TTFT trial: the next Enter keydown in the prompt box starts the clock. */
  armTtft(): void;
  /** Resolves once the trial's reply has ended (rejects after `timeoutMs`). */
  ttftResult(timeoutMs: number): Promise<TtftTrial>;
  /** Watches the main thread for `idleMs` (a baseline), then arms a render run over `columns` replies. */
  armRender(columns: number, idleMs: number): Promise<void>;
  /** Resolves once every column's reply has ended (rejects after `timeoutMs`). */
  renderResult(timeoutMs: number): Promise<RenderRun>;
}
