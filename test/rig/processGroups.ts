// Process groups of running servers are killed when the runner exits, also on Ctrl+C, SIGTERM, a closed terminal
// (SIGHUP) or a crash, so no code-server is left behind (`npm start` and the test runners rely on it).
import { constants } from 'node:os';

const running = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAll);
  // Ending through process.exit runs the exit hook; a signal's default action would not.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

/**
 * Kills the process group led by `pid` (a child spawned with `detached: true`) when this process ends. Returns the
 * function to call once the group has ended on its own.
 */
export function killGroupOnExit(pid: number): () => void {
  install();
  running.add(pid);
  return () => running.delete(pid);
}
