import { BlockGroups } from './blockGroups';
import { BlockSplitter } from './blockSplitter';
import type { MarkdownRenderer } from './renderMarkdown';

/** Runs a callback later, once (the webview passes requestAnimationFrame). */
export type Schedule = (callback: () => void) => unknown;

/**
 * Renders a reply into a container while it streams. Finished blocks are rendered once and kept, in groups (see
 * BlockGroups); only the unfinished last block, after the groups, is rendered again, so a long reply is not re-parsed
 * as it grows. Given a `schedule`, the last block is rendered at most once per scheduled call however many chunks
 * arrive meanwhile (chunks can come faster than frames). After `end()` the container holds exactly what
 * `renderer.render(wholeText)` gives.
 */
export class StreamingMarkdown {
  private readonly splitter = new BlockSplitter();
  private readonly groups: BlockGroups;
  private tail: HTMLElement | undefined;
  private scheduled = false;
  private ended = false;
  private shown = false;

  constructor(
    private readonly renderer: MarkdownRenderer,
    private readonly container: HTMLElement,
    private readonly schedule?: Schedule,
  ) {
    this.groups = new BlockGroups(container);
  }

  append(chunk: string): void {
    if (this.ended) return;
    this.place(this.splitter.push(chunk));
    // Called unbound: requestAnimationFrame throws "Illegal invocation" when called as a method of another object.
    const schedule = this.schedule;
    // The first text is drawn at once: it is what the user waits for; later text waits for the scheduled call.
    if (!schedule || !this.shown) {
      this.shown = true;
      return this.renderTail();
    }
    if (this.scheduled) return;
    this.scheduled = true;
    schedule(() => {
      this.scheduled = false;
      if (!this.ended) this.renderTail();
    });
  }

  /** The stream is over: the last block is final (rendered now, not on the next scheduled call). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.place(this.splitter.end());
    this.tail?.remove();
    this.tail = undefined;
  }

  private renderTail(): void {
    const text = this.splitter.tail;
    const next = text ? this.renderer.renderBlock(text) : undefined;
    if (this.tail && next) this.tail.replaceWith(next);
    else if (next) this.container.append(next);
    else this.tail?.remove();
    this.tail = next;
  }

  /** Adds finished blocks to the groups, before the tail. */
  private place(blocks: string[]): void {
    for (const block of blocks) this.groups.add(this.renderer.renderBlock(block), this.tail);
  }
}
