import { unlinkSync } from 'node:fs';

// The temporary files this thread has created and not yet renamed or removed.
const live = new Set<string>();
const listeners = new Set<(path: string, live: boolean) => void>();

/**
 * The temporary outputs in progress in this thread. Writers remove their own temporary files when aborted; this
 * registry is the last resort for a process that must exit at once (a second Ctrl+C) without waiting for them.
 */
export const temporaryFiles = {
  add(path: string): void {
    live.add(path);
    for (const listener of listeners) listener(path, true);
  },
  delete(path: string): void {
    if (!live.delete(path)) return;
    for (const listener of listeners) listener(path, false);
  },
  /**
   * Calls `listener` whenever a file is added (`live` true) or removed; returns the unsubscribe function. A worker
   * thread tells its host this way, so a host that must stop the thread by force can still remove the files.
   */
  subscribe(listener: (path: string, live: boolean) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
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
