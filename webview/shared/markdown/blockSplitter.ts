/**
 * Cuts markdown into blocks that render the same on their own as inside the whole text, as it arrives. A block ends
 * at a blank line outside a code fence when the next line starts at column 0 (an indented line may continue a list
 * item or a code block, so it stays). Only complete lines are decided on, and each decision depends on nothing after
 * its line, so streaming a text in any chunks yields exactly the blocks of the whole text: finished blocks never
 * need rendering again.
 */
export class BlockSplitter {
  private text = '';
  /** Start of the first line not examined yet. */
  private scanned = 0;
  /** Start of the block being built. */
  private blockStart = 0;
  /** The fence the scan is inside, if any. */
  private fence: { char: string; length: number } | undefined;
  /** The block being built has a non-blank line (blank lines alone never make a block of their own). */
  private hasContent = false;
  /** A blank line outside a fence was seen since the block's last non-blank line. */
  private afterBlank = false;

  /** Adds text; returns the blocks it finished, in order. */
  push(chunk: string): string[] {
    this.text += chunk;
    const finished: string[] = [];
    for (let end = this.text.indexOf('\n', this.scanned); end >= 0; end = this.text.indexOf('\n', this.scanned)) {
      this.examine(this.scanned, end, finished);
      this.scanned = end + 1;
    }
    // Only the unfinished block is kept: searching a string that keeps growing flattens all of it on every chunk.
    if (this.blockStart > 0) {
      this.text = this.text.slice(this.blockStart);
      this.scanned -= this.blockStart;
      this.blockStart = 0;
    }
    return finished;
  }

  /** The end of the text: returns the blocks not yet returned (the last line may lack its newline). */
  end(): string[] {
    const finished: string[] = [];
    if (this.scanned < this.text.length) this.examine(this.scanned, this.text.length, finished);
    this.scanned = this.text.length;
    if (this.blockStart < this.text.length) finished.push(this.text.slice(this.blockStart));
    this.blockStart = this.text.length;
    return finished;
  }

  /** The unfinished last block as it stands. */
  get tail(): string {
    return this.text.slice(this.blockStart);
  }

  private examine(start: number, end: number, finished: string[]): void {
    const line = this.text.slice(start, end);
    if (this.fence) {
      const close = /^[ \t]*(`{3,}|~{3,})[ \t\r]*$/.exec(line)?.[1];
      if (close && close[0] === this.fence.char && close.length >= this.fence.length) this.fence = undefined;
      return;
    }
    if (/^[ \t\r]*$/.test(line)) {
      if (this.hasContent) this.afterBlank = true;
      return;
    }
    if (this.afterBlank && !/^[ \t]/.test(line)) {
      finished.push(this.text.slice(this.blockStart, start));
      this.blockStart = start;
    }
    this.afterBlank = false;
    this.hasContent = true;
    // Fences are recognised at any indent: one inside a list item is still a fence, and a false one only moves a cut.
    // (A backtick fence's info string has no backtick: "```a``` b" is inline code, not a fence.)
    const open = /^[ \t]*(`{3,}|~{3,})([\s\S]*)$/.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`')))
      this.fence = { char: open[1]![0]!, length: open[1]!.length };
  }
}
