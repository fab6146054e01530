// `npm run fake-openai [-- --port N --chunks-per-second N --job-step-ms N --azure]`: runs the simulator until Ctrl+C
// (or SIGTERM/SIGHUP). Prints exactly one line, with the base URL to give the openai SDK or a connection. Port 0 picks
// a free one; --chunks-per-second paces streams so a reply can be watched as it grows; --job-step-ms sets the pace of
// fine-tuning jobs (slower than in tests, so a person can watch one run); --azure serves the Azure-flavoured API.
import { startSimulator } from './server';

/** A fixed default, so a connection to the simulator can keep the same URL from one run to the next. */
const DEFAULT_PORT = 8765;
/** A job of 24 steps then takes about 40 seconds: long enough to watch, pause or cancel, short enough to wait for. */
const DEFAULT_JOB_STEP_MS = 1500;

/** The number after `--name` or in `--name=N`; undefined when the option is absent. */
function numberOption(args: readonly string[], name: string, isValid: (value: number) => boolean): number | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = args[index] ?? '';
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[index + 1] ?? '');
  const value = Number(text);
  if (text.trim() === '' || !isValid(value)) throw new Error(`${name} does not take ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port =
    numberOption(args, '--port', (value) => Number.isInteger(value) && value >= 0 && value <= 65535) ?? DEFAULT_PORT;
  const chunksPerSecond = numberOption(args, '--chunks-per-second', (value) => value > 0 && Number.isFinite(value));
  const jobStepMs =
    numberOption(args, '--job-step-ms', (value) => value >= 0 && Number.isFinite(value)) ?? DEFAULT_JOB_STEP_MS;
  const simulator = await startSimulator({
    port,
    jobStepMs,
    ...(chunksPerSecond === undefined ? {} : { chunksPerSecond }),
    ...(args.includes('--azure') ? { flavor: 'azure' as const } : {}),
  });
  // Handlers first: whoever reads the line may stop the simulator at once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  }
  console.log(`OpenAI-compatible simulator listening on ${simulator.url}`);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE' ? 'that port is in use; pass --port 0 for a free one' : (error as Error).message;
  console.error(`fake-openai: ${message}`);
  process.exit(1);
});
