// Keeps a child process tied to this one: `npm start` stopped with Ctrl+C, SIGTERM or a closed terminal (SIGHUP)
// must not leave VS Code or code-server running behind it.
import { constants } from 'node:os';

/** The signals that end `npm start`; each is passed on to the child, which stops what it started. */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Passes the ending signals on to `child` (instead of dying and orphaning it) and exits with the child: its exit
 * code, or 128 + the number of the signal that ended it.
 */
export function superviseChild(child) {
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.once('exit', (code, signal) => {
    for (const name of FORWARDED_SIGNALS) process.off(name, forward);
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
  child.once('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
}
