import { unlinkSync } from 'node:fs';

// The temporary files this thread has created and not yet renamed or removed.
const live = new Set<string>();

/**
 * The temporary outputs in progress in this thread. Writers remove their own temporary files when aborted; this
 * registry is the last resort for a process that must exit at once (a second Ctrl+C) without waiting for them.
 */
export const temporaryFiles = {
  add(path: string): void {
    live.add(path);
  },
  delete(path: string): void {
    live.delete(path);
  },
  /** The paths still in progress. */
  list(): string[] {
    return [...live];
  },
  /** Removes every registered file synchronously (for exit paths); errors are ignored. */
  removeAllNow(): void {
    for (const path of live) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone or not removable: nothing more can be done on the way out.
      }
    }
    live.clear();
  },
};
