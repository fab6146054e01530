import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { startSimulator } from '../../simulator/server';
import { ensureChatFile } from '../generate/chatFile';
import { runChild, type ChildName, type ChildReport } from '../lib/childProcess';
import { megabytes, seconds, times, type CaseRow } from '../lib/results';
import type { BenchContext } from './context';

interface UploadRun extends ChildReport {
  fileId: string;
  bytes: number;
}

/**
 * Case 8: the 1 GB chat file uploaded to the simulator through our provider (the Uploads API: 64 MB parts, three
 * at a time, each streamed from its byte range) against a plain streamed HTTP upload of the same bytes to the same
 * server (one multipart POST piped from disk with node:http), each in its own child so its peak RSS is its own.
 * Baseline and ours run in turns, twice, and the faster of each counts; every upload is checked byte for byte
 * (the server's SHA-256 of what it stored against the file's).
 */
export async function uploadCase(context: BenchContext): Promise<CaseRow[]> {
  const path = await context.generated('1 GB chat JSONL', () => ensureChatFile('big'));
  const size = statSync(path).size;
  const expectedSha = await sha256Of(path);
  const simulator = await startSimulator();
  const runs: Record<'plain' | 'ours', UploadRun[]> = { plain: [], ours: [] };
  try {
    for (let round = 0; round < 2; round++) {
      for (const [which, child] of [
        ['plain', 'plainUploadChild'],
        ['ours', 'uploadChild'],
      ] as const satisfies readonly (readonly ['plain' | 'ours', ChildName])[]) {
        const report = await runChild(child, [simulator.url, path]);
        if (typeof report.fileId !== 'string' || typeof report.bytes !== 'number')
          throw new Error(`${child} reported no file: ${JSON.stringify(report)}`);
        const run: UploadRun = { ...report, fileId: report.fileId, bytes: report.bytes };
        const stored = await simulator.fileSha256(run.fileId);
        if (run.bytes !== size || stored !== expectedSha)
          throw new Error(
            `${child} stored ${run.bytes} bytes with SHA-256 ${stored}; the file has ${size}, ${expectedSha}`,
          );
        await fetch(`${simulator.url}/files/${run.fileId}`, { method: 'DELETE' });
        context.note(
          `  ${which === 'plain' ? 'plain HTTP' : 'Uploads API'} run ${round + 1}: ${seconds(run.ms)} (${megabytesPerSecond(size, run.ms)}), peak RSS ${megabytes(run.maxRssKb)}, intact`,
        );
        runs[which].push(run);
      }
    }
  } finally {
    await simulator.close();
  }
  const best = (list: UploadRun[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
  const plain = best(runs.plain);
  const ours = best(runs.ours);
  const throughput = plain.ms / ours.ms;
  const oursPeakKb = Math.max(...runs.ours.map((run) => run.maxRssKb));
  const plainPeakKb = Math.max(...runs.plain.map((run) => run.maxRssKb));
  const gigabytes = (size / 1e9).toFixed(2);
  return [
    {
      id: '8',
      name: `upload ${gigabytes} GB: Uploads API (64 MB parts ×3) vs plain streamed HTTP, throughput`,
      baseline: `${seconds(plain.ms)} (${megabytesPerSecond(size, plain.ms)})`,
      ours: `${seconds(ours.ms)} (${megabytesPerSecond(size, ours.ms)})`,
      ratio: times(throughput),
      measured: throughput,
      target: { label: '≥ 0.80× throughput', value: 0.8, atMost: false },
      details: { bytes: size, plainRunsMs: runs.plain.map((r) => r.ms), oursRunsMs: runs.ours.map((r) => r.ms) },
    },
    {
      id: '8-rss',
      name: 'upload peak RSS (baseline column: plain HTTP upload RSS)',
      baseline: megabytes(plainPeakKb),
      ours: megabytes(oursPeakKb),
      ratio: times(oursPeakKb / plainPeakKb),
      measured: oursPeakKb / 1024,
      target: { label: '≤ 200 MB RSS', value: 200, atMost: true },
      rss: megabytes(oursPeakKb),
    },
  ];
}

function megabytesPerSecond(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
