// What the Conversations view probe (bench/probes/conversationsProbe.ts, run inside the view's frame) reports.

/** The window property the probe installs itself as. */
export const CONVERSATIONS_PROBE = 'benchConversationsProbe';

/** The view's main thread while it was scrolled. */
export interface ScrollRun {
  /** Longest long task of the view's own frame ('self' attribution), 0 when none reached 50 ms. */
  readonly longestOwnMs: number;
  /** Longest long task of any attribution (the workbench shares the main thread). */
  readonly longestAnyMs: number;
  readonly tasks: number;
  /** Frames in which at least one example card with content was on screen. */
  readonly framesWithContent: number;
  readonly frames: number;
  readonly distinctLines: number;
}

export interface ConversationsProbe {
  /** Starts watching long tasks and what each animation frame shows. */
  armScroll(): void;
  /** Drags the scroll bar: each animation frame jumps 1/50 of the list further (wrapping), for `frames` frames. */
  drag(frames: number): Promise<void>;
  scrollResult(): ScrollRun;
  /**
   * Arms one edit measurement: from the next `change` event until the card of `line` shows (`expectProblem`) or no
   * longer shows a problem with `code`.
   */
  armEdit(line: number, code: string, expectProblem: boolean): void;
  /** The armed edit's round trip in ms. */
  editResult(timeoutMs: number): Promise<number>;
}
