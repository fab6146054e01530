// Child: the bare csv-parse streaming pass (the TWCS baseline), counting records. Args: FILE
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { printReport, runMain } from './childReport';

runMain(async () => {
  const [file] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: csvParseChild FILE');
  const started = performance.now();
  let records = 0;
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
  await new Promise<void>((resolve, reject) => {
    parser.on('data', () => records++);
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  printReport(performance.now() - started, { records });
});
