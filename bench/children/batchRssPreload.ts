// Loaded with `node --require` before the CLI of case 10: when the process exits, it prints the process's peak RSS
// (kilobytes, all threads) as the last stdout line, as every bench child does, without touching the CLI.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(1, `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
