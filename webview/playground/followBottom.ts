/** How close to the bottom (px) still counts as at the bottom: rounding, and a line that arrived during a scroll. */
const SLACK_PX = 24;
/** Keys that move a focused scroller up. */
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * One ResizeObserver for every conversation: its callback gets all the contents that grew in a frame at once, so the
 * scroll heights are all read before any position is set (setting one and then reading the next conversation's height
 * forced a layout pass per column).
 */
let sharedObserver: ResizeObserver | undefined;
const followers = new Map<Element, FollowBottom>();

function observe(content: Element, follower: FollowBottom): void {
  sharedObserver ??= new ResizeObserver((entries) => {
    const due = entries.map((entry) => followers.get(entry.target)).filter((f) => f?.isFollowing() === true);
    const heights = due.map((follower) => follower!.scrollHeight());
    due.forEach((follower, index) => follower!.scrollTo(heights[index]!));
  });
  followers.set(content, follower);
  sharedObserver.observe(content);
}

function unobserve(content: Element): void {
  followers.delete(content);
  sharedObserver?.unobserve(content);
}

/**
 * Keeps a conversation scrolled to its bottom while its content grows, until the user scrolls up to read; scrolling
 * back to the bottom resumes it (as a chat follows the reply being written). Growth is seen by a ResizeObserver on
 * the content, whose callbacks run after layout.
 *
 * Only the user's own moves stop the following (the wheel or keys upwards, dragging the scroll bar away from the
 * bottom): the position also moves by itself — blocks drawn for the first time as they come into view
 * (`content-visibility`) change the height above — and that must not count as the user leaving.
 */
export class FollowBottom {
  private following = true;
  private dragging = false;
  private readonly controller: AbortController;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly content: HTMLElement,
  ) {
    // The scroller's own window (the page's; in tests, jsdom's).
    const view = scroller.ownerDocument.defaultView!;
    this.controller = new view.AbortController();
    const options = { passive: true, signal: this.controller.signal };
    scroller.addEventListener('wheel', (event) => event.deltaY < 0 && this.stop(), options);
    scroller.addEventListener('keydown', (event) => UP_KEYS.has(event.key) && this.stop(), options);
    // A press on the scroller itself (not on a message) is on its scroll bar.
    scroller.addEventListener('pointerdown', (event) => (this.dragging = event.target === scroller), options);
    view.addEventListener('pointerup', () => (this.dragging = false), options);
    scroller.addEventListener(
      'scroll',
      () => {
        // Nothing to learn while following, unless the user drags: reading the heights here forced a layout of the
        // blocks the stream had just added, in every scroll the following itself made (bench case 7).
        if (this.following && !this.dragging) return;
        if (this.atBottom()) this.following = true;
        else if (this.dragging) this.following = false;
      },
      options,
    );
    observe(content, this);
  }

  /**
   * Follows again from wherever the user is (a message was sent): the content's growth that comes with it takes the
   * view down. Nothing is read or scrolled now: reading the height here forced a layout inside the send's key press,
   * which held back the request (bench case 6).
   */
  follow(): void {
    this.following = true;
  }

  isFollowing(): boolean {
    return this.following;
  }

  scrollHeight(): number {
    return this.scroller.scrollHeight;
  }

  scrollTo(top: number): void {
    this.scroller.scrollTop = top;
  }

  dispose(): void {
    unobserve(this.content);
    this.controller.abort();
  }

  private stop(): void {
    this.following = false;
  }

  private atBottom(): boolean {
    return this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight <= SLACK_PX;
  }
}
