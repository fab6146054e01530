// Child: TWCS → chat JSONL with every cleaning option, written to a file. Args: INPUT OUTPUT
import { convertStream } from '../../src/core/convert/convertStream';
import { writeLinesAtomically } from '../../src/core/io/atomicWriter';
import { fileChunks } from '../../src/core/io/fileChunks';
import { openRandomAccess } from '../../src/core/io/randomAccess';
import { printReport, runMain } from './childReport';

const SYSTEM_PROMPT = 'You are the {brand} support team on Twitter. Be brief, friendly and helpful.';

runMain(async () => {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) throw new Error('usage: twcsConvertChild INPUT OUTPUT');
  const started = performance.now();
  const file = await openRandomAccess(input);
  try {
    const twcs = { stripMentions: true, stripSignoffs: true, stripLinks: true, systemPrompt: SYSTEM_PROMPT };
    const conversion = convertStream(
      fileChunks(input),
      { from: 'twcs', to: 'chat', twcs },
      { readAt: (offset, length) => file.readAt(offset, length) },
    );
    const written = await writeLinesAtomically(output, conversion.lines);
    const report = conversion.report();
    printReport(performance.now() - started, {
      read: report.read,
      written: report.written,
      bytes: written.bytes,
      skipped: report.skippedCount,
      warnings: report.warnings,
    });
  } finally {
    await file.close();
  }
});
