// Saves the Conversations view's state once it settles: scrolling moves the top line many times a second.
import type { ViewState } from './viewState';

/** How long the view state waits for scrolling to pause before it is saved. */
const PERSIST_DELAY_MS = 300;

export class ViewStateSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The view state as it is now. */
    private readonly current: () => ViewState,
    private readonly save: (state: ViewState) => void,
  ) {}

  /** Saves the state as it is once changes pause (each call starts the wait again). */
  soon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save(this.current());
    }, PERSIST_DELAY_MS);
  }
}
