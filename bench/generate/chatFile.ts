import { closeSync, openSync, writeSync } from 'node:fs';
import { ensureDataFile } from '../lib/dataFiles';
import { BenchRandom } from '../lib/random';
import { chatExampleLine } from './chatExample';

/** The main chat file (about 200 MB) and the big one for the memory case (about 1 GB). */
export const CHAT_FILES = {
  main: { name: 'support-chat-200mb.jsonl', seed: 20_240_718, targetBytes: 200 * 1024 * 1024 },
  big: { name: 'support-chat-1gb.jsonl', seed: 19_991_231, targetBytes: 1024 * 1024 * 1024 },
} as const;
const FLUSH_CHARS = 4 * 1024 * 1024;

/** Writes chat example lines until `targetBytes`; the generator's state is all in the seed, so reruns match. */
function writeChatFile(path: string, targetBytes: number, seed: number): void {
  const random = new BenchRandom(seed);
  const fd = openSync(path, 'w');
  try {
    let written = 0;
    let pending: string[] = [];
    let pendingChars = 0;
    for (let index = 0; written < targetBytes; index++) {
      const line = chatExampleLine(index, random);
      pending.push(line);
      pendingChars += line.length + 1;
      if (pendingChars < FLUSH_CHARS) continue;
      written += writeSync(fd, `${pending.join('\n')}\n`);
      pending = [];
      pendingChars = 0;
    }
    if (pending.length > 0) writeSync(fd, `${pending.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** A customer-support chat JSONL file, generated on first use (a few seconds per 200 MB). */
export function ensureChatFile(which: keyof typeof CHAT_FILES): Promise<{ path: string; reused: boolean }> {
  const { name, seed, targetBytes } = CHAT_FILES[which];
  return ensureDataFile(name, { seed, size: targetBytes, version: 1 }, (path) =>
    Promise.resolve(writeChatFile(path, targetBytes, seed)),
  );
}
