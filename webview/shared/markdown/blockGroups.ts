/**
 * Rendered blocks per group. A 16k-token reply is about 250 blocks; the page styles each direct child of a reply with
 * `content-visibility: auto`, and the browser checks every such element's visibility in each frame whose layout
 * changed (about 2,500 elements in four columns after two long exchanges, up to 28 ms a frame on a slow machine).
 * Grouped, it checks a sixteenth of them.
 */
export const BLOCKS_PER_GROUP = 16;

/** Puts rendered blocks into groups (`<div class="md-group">`) of at most `size`, in order, after the earlier ones. */
export class BlockGroups {
  private group: HTMLElement | undefined;
  private count = 0;

  constructor(
    private readonly parent: ParentNode,
    private readonly size = BLOCKS_PER_GROUP,
  ) {}

  /** Adds a block after the blocks added before; a new group goes before `next` when given (a streaming tail). */
  add(block: HTMLElement, next?: ChildNode): void {
    if (!this.group || this.count >= this.size) {
      this.group = block.ownerDocument.createElement('div');
      this.group.className = 'md-group';
      this.count = 0;
      if (next) next.before(this.group);
      else this.parent.append(this.group);
    }
    this.group.append(block);
    this.count++;
  }
}
