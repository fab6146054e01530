// Child: the baseline of case 10, a plain loop of SDK calls: the chat examples of FILE read whole, each without its
// last (assistant) turn, and WORKERS workers each awaiting `client.chat.completions.create` for the next one, from
// the same simulator. No results are kept beyond a count. Args: URL FILE WORKERS MODEL
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { printReport, runMain } from './childReport';

runMain(async () => {
  const [url, file, workersArg, model] = process.argv.slice(2);
  if (url === undefined || file === undefined || workersArg === undefined || model === undefined)
    throw new Error('usage: batchPlainChild URL FILE WORKERS MODEL');
  const started = performance.now();
  const prompts = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { messages: ChatCompletionMessageParam[] }).messages.slice(0, -1));
  const client = new OpenAI({ baseURL: url, apiKey: 'bench' });
  let next = 0;
  let answered = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < prompts.length) {
      const messages = prompts[next++]!;
      try {
        await client.chat.completions.create({ model, messages });
        answered++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(workersArg) }, worker));
  printReport(performance.now() - started, { answered, failed });
});
