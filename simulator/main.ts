// `npm run fake-openai [-- --port N]`: runs the simulator until Ctrl+C (or SIGTERM/SIGHUP). Prints exactly one line,
// with the base URL to give the openai SDK or a connection. Port 0 picks a free one.
import { startSimulator } from './server';

/** A fixed default, so a connection to the simulator can keep the same URL from one run to the next. */
const DEFAULT_PORT = 8765;

function portFromArguments(args: readonly string[]): number {
  const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index < 0) return DEFAULT_PORT;
  const arg = args[index] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const port = Number(value);
  if (!/^\d+$/.test(value ?? '') || port > 65535)
    throw new Error(`--port needs a number from 0 to 65535, not ${value}`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromArguments(process.argv.slice(2));
  const simulator = await startSimulator({ port });
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
