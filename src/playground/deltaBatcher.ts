/**
 * Joins a reply's text chunks before they cross to the webview. Servers send a token or a few characters per SSE event
 * (thousands a second for a fast model, times four columns), and every message to a webview costs the workbench, VS
 * Code's outer frame and the page a task on the UI thread. The first chunk goes at once (time to first token is what
 * the user waits for); later ones are sent together at most once per interval. `flush()` before anything that must
 * follow the text in order (usage, notices, the end).
 */
export class DeltaBatcher {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentFirst = false;

  constructor(
    private readonly send: (text: string) => void,
    private readonly intervalMs = 16,
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
