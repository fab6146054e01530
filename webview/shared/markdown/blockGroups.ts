/**
 * Rendered blocks per group. A 16k-token reply is about 250 blocks; the page gives each direct child of a reply
 * `content-visibility: auto`, whose visibility the browser checks in every frame whose layout changed: grouped, it
 * checks a sixteenth as many elements (bench/README.md, case 7).
 */
export const BLOCKS_PER_GROUP = 16;

/** Puts rendered blocks into groups (`<div class="md-group">`) of at most `size`, in order, after the earlier ones. */
export class BlockGroups {
  private group: HTMLElement | undefined;

  constructor(
    private readonly parent: ParentNode,
    private readonly size = BLOCKS_PER_GROUP,
  ) {}

  /** Adds a block after the blocks added before; a new group goes before `next` when given (a streaming tail). */
  add(block: HTMLElement, next?: ChildNode): void {
    if (!this.group || this.group.childElementCount >= this.size) {
      this.group = block.ownerDocument.createElement('div');
      this.group.className = 'md-group';
      if (next) next.before(this.group);
      else this.parent.append(this.group);
    }
    this.group.append(block);
  }
}
