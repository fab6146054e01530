/** Prints a child's result as its last stdout line, with the process's peak RSS (kilobytes, all threads). */
export function printReport(ms: number, extra: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, ...extra })}\n`);
}

/** Runs a child's main function; a failure goes to stderr with exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
