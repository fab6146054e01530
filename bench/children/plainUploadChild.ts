// Child: the baseline, a plain streamed HTTP upload of FILE: one multipart POST to URL/files with node:http, the
// file piped from disk. Args: URL FILE
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { printReport, runMain } from './childReport';

runMain(async () => {
  const [url, file] = process.argv.slice(2);
  if (url === undefined || file === undefined) throw new Error('usage: plainUploadChild URL FILE');
  const boundary = 'bench-plain-upload-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file)}"\r\n` +
      'Content-Type: text/jsonl\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file).size;
  const started = performance.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const post = request(
      `${url.replace(/\/+$/, '')}/files`,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + size + tail.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode === 200) resolve(text);
          else reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 500)}`));
        });
        response.on('error', reject);
      },
    );
    post.on('error', reject);
    post.write(head);
    pipeline(createReadStream(file), post, { end: false })
      .then(() => post.end(tail))
      .catch(reject);
  });
  const { id, bytes } = JSON.parse(answer) as { id: string; bytes: number };
  printReport(performance.now() - started, { fileId: id, bytes });
});
