// Child: uploads FILE to the server at URL through our provider (Uploads API in parts for a file over 512 MB), as
// the extension does. Args: URL FILE
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { createClient } from '../../src/core/connections/createClient';
import { createProvider } from '../../src/core/jobs/providers';
import { printReport, runMain } from './childReport';

runMain(async () => {
  const [url, file] = process.argv.slice(2);
  if (url === undefined || file === undefined) throw new Error('usage: uploadChild URL FILE');
  const connection = { id: 'bench', name: 'Bench simulator', kind: 'compatible' as const, baseUrl: url };
  const provider = createProvider(connection, createClient(connection, {}));
  const bytes = statSync(file).size;
  let progressCalls = 0;
  const started = performance.now();
  const uploaded = await provider.upload(
    { path: file, filename: basename(file), bytes },
    { signal: new AbortController().signal, onProgress: () => progressCalls++ },
  );
  printReport(performance.now() - started, { fileId: uploaded.id, bytes: uploaded.bytes, progressCalls });
});
