import { resolve } from 'node:path';
import { ensureChatFile } from '../generate/chatFile';
import { fasterOfTwo, type Timed } from '../lib/timing';
import { parseFloor, type PassCount } from './baselines';

const ROOT = resolve(__dirname, '..', '..');

/** What the cases share: built bundles, the 200 MB file and its parse floor (measured once per run). */
export class BenchContext {
  readonly workerPath = resolve(ROOT, 'dist', 'validate-worker.js');
  readonly cliPath = resolve(ROOT, 'dist', 'cli.js');
  private chat: Promise<string> | undefined;
  private floorRun: Promise<Timed<PassCount>> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  note(message: string): void {
    this.log(message);
  }

  /** The ~200 MB chat JSONL. */
  chatFile(): Promise<string> {
    this.chat ??= this.generated('200 MB chat JSONL', () => ensureChatFile('main'));
    return this.chat;
  }

  /** Read + split + decode + JSON.parse of the 200 MB file, faster of two runs. */
  floor(): Promise<Timed<PassCount>> {
    this.floorRun ??= this.chatFile().then((path) => fasterOfTwo(() => parseFloor(path)));
    return this.floorRun;
  }

  /** Runs a generator, saying whether it reused a file and how long it took. */
  async generated(what: string, ensure: () => Promise<{ path: string; reused: boolean }>): Promise<string> {
    const started = performance.now();
    const { path, reused } = await ensure();
    this.log(
      reused
        ? `  reusing ${what}: ${path}`
        : `  generated ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path}`,
    );
    return path;
  }
}
