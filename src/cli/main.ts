// `finetune-studio` — the command-line front over the same core the extension uses.
import { constants } from 'node:os';
import { temporaryFiles } from '../core/io/temporaryFiles';
import { runCli } from './runCli';

// Ctrl+C, `kill`, and a closed terminal: the running command is aborted and removes its temporary files.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const controller = new AbortController();
let stoppedBy: NodeJS.Signals | undefined;

/** The shell convention for a process ended by a signal: 128 + its number (130 for Ctrl+C). */
const signalExitCode = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];

for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    if (stoppedBy === undefined) {
      stoppedBy = signal;
      controller.abort();
      // With no output in progress there is nothing to clean up: stop at once, as without a handler.
      if (temporaryFiles.list().length > 0) return;
    }
    // Nothing to wait for, or a second signal: stop now, but still leave no temporary file behind.
    temporaryFiles.removeAllNow();
    process.exit(signalExitCode(signal));
  });
}
// With the terminal gone, writing the outcome fails; that must not turn a clean stop into a crash.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = stoppedBy === undefined ? code : signalExitCode(stoppedBy);
  },
  (error: unknown) => {
    temporaryFiles.removeAllNow();
    if (stoppedBy === undefined) throw error;
    process.exitCode = signalExitCode(stoppedBy);
  },
);
