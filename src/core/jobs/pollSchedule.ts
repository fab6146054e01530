/**
 * When to ask the server about jobs again. Polling costs requests (and rate limit) on the user's key, so it runs only
 * while some job can still change, quickly while the user is looking, slowly otherwise, and backs off when the server
 * fails. One poll covers every job of a connection (one list request), never one per job.
 */

/** While the window is focused. */
export const FOCUSED_DELAY_MS = 5_000;
/** While it is not: the user will see the state when they come back (focus polls at once). */
export const UNFOCUSED_DELAY_MS = 30_000;
/** The longest wait after failures. */
export const MAX_BACKOFF_MS = 5 * 60_000;

export interface PollInputs {
  /** Whether any job of the connection can still change (see isUnfinished in ./jobState). */
  unfinished: boolean;
  focused: boolean;
  /** Polls that failed in a row (0 after a success). */
  consecutiveErrors: number;
}

/** The delay before the next poll, or undefined when nothing needs polling. Errors double it up to 5 min. */
export function nextPollDelay({ unfinished, focused, consecutiveErrors }: PollInputs): number | undefined {
  if (!unfinished) return undefined;
  const base = focused ? FOCUSED_DELAY_MS : UNFOCUSED_DELAY_MS;
  const errors = Math.max(0, Math.min(consecutiveErrors, 20));
  return Math.min(MAX_BACKOFF_MS, base * 2 ** errors);
}

/** The clock and timer the scheduler uses; tests pass fake ones. */
export interface PollTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: PollTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Polls one connection: refreshes its jobs and says whether any is still unfinished. Throws when the server could not
 * be asked (that counts as an error for the backoff; the poll function reports it itself).
 */
export type PollConnection = (connectionId: string, signal: AbortSignal) => Promise<{ unfinished: boolean }>;

interface ConnectionState {
  timer?: unknown;
  dueAt?: number;
  /** When the last poll ended (or the connection was first woken). */
  lastEnd: number;
  errors: number;
  unfinished: boolean;
  inFlight?: AbortController;
  /** A wake came during a poll: poll again as soon as it ends. */
  again: boolean;
}

/**
 * Runs polls per connection on the schedule above: at most one in flight per connection, the next one planned when
 * it ends. `wake` polls a connection at once (a job was created or acted on, or watching starts); focus changes move
 * planned polls earlier or later.
 */
export class PollScheduler {
  private readonly connections = new Map<string, ConnectionState>();
  private readonly timers: PollTimers;
  private focused: boolean;
  private disposed = false;

  constructor(
    private readonly poll: PollConnection,
    options: { focused: boolean; timers?: PollTimers },
  ) {
    this.focused = options.focused;
    this.timers = options.timers ?? SYSTEM_TIMERS;
  }

  /** Polls the connection now (or right after the poll in flight), then keeps polling while it has unfinished jobs. */
  wake(connectionId: string): void {
    if (this.disposed) return;
    const state = this.stateOf(connectionId);
    if (state.inFlight !== undefined) {
      state.again = true;
      return;
    }
    this.plan(connectionId, state, 0);
  }

  /**
   * The window gained or lost focus. Gaining it polls every connection with unfinished jobs at once (the user is
   * back and wants the current state), unless it is backing off after errors; losing it lets planned polls wait longer.
   */
  setFocused(focused: boolean): void {
    if (this.disposed || focused === this.focused) return;
    this.focused = focused;
    for (const [id, state] of this.connections) {
      if (state.inFlight !== undefined || state.dueAt === undefined) continue;
      const delay = nextPollDelay({ unfinished: state.unfinished, focused, consecutiveErrors: state.errors });
      if (delay === undefined) continue;
      const wait = focused && state.errors === 0 ? 0 : Math.max(0, state.lastEnd + delay - this.timers.now());
      this.plan(id, state, wait);
    }
  }

  /** Stops polling a connection (removed, or its jobs are no longer shown); a poll in flight is aborted. */
  forget(connectionId: string): void {
    const state = this.connections.get(connectionId);
    if (state === undefined) return;
    this.clear(state);
    state.inFlight?.abort();
    this.connections.delete(connectionId);
  }

  /** When the next poll of a connection is due (clock time), or undefined when none is planned. */
  dueAt(connectionId: string): number | undefined {
    return this.connections.get(connectionId)?.dueAt;
  }

  /** Whether a poll of the connection is running now. */
  isPolling(connectionId: string): boolean {
    return this.connections.get(connectionId)?.inFlight !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.connections.keys()]) this.forget(id);
  }

  private stateOf(connectionId: string): ConnectionState {
    let state = this.connections.get(connectionId);
    if (state === undefined) {
      // Unfinished until a poll says otherwise: a woken connection is polled at least once.
      state = { lastEnd: this.timers.now(), errors: 0, unfinished: true, again: false };
      this.connections.set(connectionId, state);
    }
    return state;
  }

  private plan(connectionId: string, state: ConnectionState, ms: number): void {
    this.clear(state);
    state.dueAt = this.timers.now() + ms;
    state.timer = this.timers.setTimeout(() => void this.run(connectionId, state), ms);
  }

  private clear(state: ConnectionState): void {
    if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    state.timer = undefined;
    state.dueAt = undefined;
  }

  private async run(connectionId: string, state: ConnectionState): Promise<void> {
    state.timer = undefined;
    state.dueAt = undefined;
    const controller = new AbortController();
    state.inFlight = controller;
    state.again = false;
    try {
      const { unfinished } = await this.poll(connectionId, controller.signal);
      state.unfinished = unfinished;
      state.errors = 0;
    } catch {
      // The poll function reports its own failure; here it only slows the next one down.
      state.errors++;
    } finally {
      state.inFlight = undefined;
      state.lastEnd = this.timers.now();
    }
    if (this.disposed || controller.signal.aborted || this.connections.get(connectionId) !== state) return;
    if (state.again) return this.plan(connectionId, state, 0);
    const delay = nextPollDelay({
      unfinished: state.unfinished,
      focused: this.focused,
      consecutiveErrors: state.errors,
    });
    if (delay !== undefined) this.plan(connectionId, state, delay);
  }
}
