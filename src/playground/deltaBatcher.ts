/**
 * Joins a reply's text chunks before they cross to the webview. Servers send a token or a few characters per SSE event
 * (thousands a second for a fast model, times four columns), and every message to a webview costs the workbench, VS
 * Code's outer frame and the page a task on the UI thread. The first chunk goes at once (time to first token is what
 * the user waits for); later ones are sent together at most once per interval. `flush()` before anything that must
 * follow the text in order (usage, notices, the end).
 */
/**
 * The page draws a streaming reply's new text at most every 50 ms (webview/playground/main.ts): text sent more often
 * than that is only more messages (each one a task for the workbench and the page, on one thread, and garbage).
 */
export const DELTA_INTERVAL_MS = 50;

export class DeltaBatcher {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentFirst = false;

  constructor(
    private readonly send: (text: string) => void,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  push(text: string): void {
    if (text === '') return;
    if (!this.sentFirst) {
      this.sentFirst = true;
      this.send(text);
      return;
    }
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is waiting now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.send(text);
  }
}
