import type { MessagePort, ProtocolLogger } from '../../../src/panels/webviewHost';

/** A message the host posted, loosely typed for assertions. */
export type Posted = { type: string; id?: number; chunk?: unknown } & Record<string, unknown>;

/**
 * A stand-in for vscode.Webview: `deliver` plays a message from the webview, `posted` records what the host sent,
 * and `waitFor` resolves when the host posts a matching message (tests wait on that, never on time).
 */
export class FakeWebview implements MessagePort {
  readonly posted: Posted[] = [];
  listening = false;
  private listener: ((message: unknown) => void) | undefined;
  private readonly waiters: { matches: (message: Posted) => boolean; resolve: (message: Posted) => void }[] = [];

  postMessage(message: unknown): Promise<boolean> {
    // Through a structured clone, like the real channel: the host must not post anything that cannot be cloned.
    const copy = structuredClone(message) as Posted;
    this.posted.push(copy);
    for (const waiter of [...this.waiters]) {
      if (waiter.matches(copy)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(copy);
      }
    }
    return Promise.resolve(true);
  }

  onDidReceiveMessage = (listener: (message: unknown) => void) => {
    this.listener = listener;
    this.listening = true;
    return {
      dispose: () => {
        this.listener = undefined;
        this.listening = false;
      },
    };
  };

  /** A message from the webview (cloned, as postMessage would). */
  deliver(message: unknown): void {
    this.listener?.(message);
  }

  /** The first message posted from now on, or already posted, that matches. */
  waitFor(matches: (message: Posted) => boolean): Promise<Posted> {
    const seen = this.posted.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }
}

/** A logger that keeps its lines. */
export class RecordingLogger implements ProtocolLogger {
  readonly lines: string[] = [];
  warn(message: string): void {
    this.lines.push(message);
  }
}

/** A promise with its resolve function outside, to let a test decide when a handler finishes. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
