// `npm start` with desktop VS Code: the simulator (devSimulator.ts), then `code --extensionDevelopmentPath` on
// examples/ with the simulator's URL in its environment (VS Code hands the CLI's environment to the window's
// extension host). `code` returns once the window is open, so this process stays to keep the simulator running
// until Ctrl+C; a `code` that fails ends it with its exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './codeServerInstall';
import { simulatorBanner, simulatorEnvironment, startDevSimulator } from './devSimulator';

async function main(): Promise<void> {
  const simulator = await startDevSimulator();
  const code = spawn('code', [`--extensionDevelopmentPath=${PROJECT_ROOT}`, join(PROJECT_ROOT, 'examples')], {
    stdio: 'inherit',
    env: { ...process.env, ...simulatorEnvironment(simulator) },
  });
  const stop = (exitCode: number) => void simulator.close().then(() => process.exit(exitCode));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      // A `code` that is still starting goes with npm start, as it did before the simulator.
      if (code.exitCode === null && code.signalCode === null) code.kill(signal);
      stop(128 + constants.signals[signal]);
    });
  }
  code.once('error', (error) => {
    console.error(`Could not run code: ${error.message}`);
    stop(1);
  });
  code.once('exit', (exitCode, signal) => {
    if (exitCode === 0) return;
    console.error(`code ended with ${signal ?? `exit code ${String(exitCode)}`}; the simulator is stopped.`);
    stop(exitCode ?? 1);
  });
  console.log(
    `\nFine-Tune Studio opens in VS Code (a window titled [Extension Development Host]).\n\n${simulatorBanner(simulator)}\n\nPress Ctrl+C to stop.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
