import { BlockSplitter } from './blockSplitter';
import type { MarkdownRenderer } from './renderMarkdown';

/**
 * Renders a reply into a container while it streams. Finished blocks are rendered once and kept; only the unfinished
 * last block is rendered again on each chunk, so a long reply is not re-parsed as it grows. After `end()` the
 * container holds exactly what `renderer.render(wholeText)` gives.
 */
export class StreamingMarkdown {
  private readonly splitter = new BlockSplitter();
  private tail: HTMLElement | undefined;

  constructor(
    private readonly renderer: MarkdownRenderer,
    private readonly container: HTMLElement,
  ) {}

  append(chunk: string): void {
    this.place(this.splitter.push(chunk));
    const text = this.splitter.tail;
    const next = text ? this.renderer.renderBlock(text) : undefined;
    if (this.tail && next) this.tail.replaceWith(next);
    else if (next) this.container.append(next);
    else this.tail?.remove();
    this.tail = next;
  }

  /** The stream is over: the last block is final. */
  end(): void {
    this.place(this.splitter.end());
    this.tail?.remove();
    this.tail = undefined;
  }

  /** Adds finished blocks before the tail. */
  private place(blocks: string[]): void {
    for (const block of blocks) {
      const element = this.renderer.renderBlock(block);
      if (this.tail) this.tail.before(element);
      else this.container.append(element);
    }
  }
}
