/**
 * Saves at most once per delay however often asked, and at once when told. Saving sends the playground's whole state
 * (every column's conversation) out of the page, which takes long for long chats.
 */
export class CoalescedSave {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly save: () => void,
    private readonly delayMs: number,
  ) {}

  /** Saves after the delay (once, for every call until then). */
  request(): void {
    this.timer ??= setTimeout(() => this.now(), this.delayMs);
  }

  /** Saves now; a save waiting is not needed any more. */
  now(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }
}
