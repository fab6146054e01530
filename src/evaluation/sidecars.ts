/**
 * The sidecar files of a results file: judge verdicts (`<results>.judgements.jsonl`) and human votes
 * (`<results>.votes.jsonl`). Both are append-only JSONL: one line per verdict, the newer line for the same prompt
 * and pair wins, and a line cut off by a crash (no line break after it) is ignored, so a later append starts on a
 * line of its own.
 */
import { open, readFile } from 'node:fs/promises';
import type { PairwiseOutcome } from '../core/batch/winRate';
import { errorCode, fileError } from '../core/io/fileErrors';
import { isObject } from '../core/jsonl/jsonObject';

/** One person's vote on two models' answers to a prompt. */
export interface VoteRecord {
  readonly v: 1;
  readonly promptKey: string;
  readonly a: string;
  readonly b: string;
  readonly outcome: PairwiseOutcome;
  /** The labels in the order the answers were shown (answer 1, answer 2). */
  readonly shown: readonly [string, string];
  readonly at: string;
}

/** One judge model's verdict on two models' answers to a prompt. */
export interface JudgementRecord {
  readonly v: 1;
  readonly promptKey: string;
  readonly a: string;
  readonly b: string;
  /** 'skip' when the reply could not be read or the request failed. */
  readonly outcome: PairwiseOutcome;
  readonly reason: string;
  /** "connection / model". */
  readonly judge: string;
  /** Why the verdict could not be read, or the request's error. */
  readonly invalid?: string;
  readonly at: string;
}

export type SidecarKind = 'judgements' | 'votes';

/** `run.results.jsonl` → `run.results.judgements.jsonl`. */
export function sidecarPath(resultsPath: string, kind: SidecarKind): string {
  const stem = resultsPath.endsWith('.jsonl') ? resultsPath.slice(0, -'.jsonl'.length) : resultsPath;
  return `${stem}.${kind}.jsonl`;
}

const OUTCOMES: readonly unknown[] = ['a', 'b', 'tie', 'bothBad', 'skip'];

export function parseVote(value: unknown): VoteRecord | undefined {
  if (!isObject(value) || value['v'] !== 1) return undefined;
  const shown = value['shown'];
  const ok =
    typeof value['promptKey'] === 'string' &&
    typeof value['a'] === 'string' &&
    typeof value['b'] === 'string' &&
    OUTCOMES.includes(value['outcome']) &&
    Array.isArray(shown) &&
    shown.length === 2 &&
    shown.every((label) => typeof label === 'string') &&
    typeof value['at'] === 'string';
  return ok ? (value as unknown as VoteRecord) : undefined;
}

export function parseJudgement(value: unknown): JudgementRecord | undefined {
  if (!isObject(value) || value['v'] !== 1) return undefined;
  const invalid = value['invalid'];
  const ok =
    typeof value['promptKey'] === 'string' &&
    typeof value['a'] === 'string' &&
    typeof value['b'] === 'string' &&
    OUTCOMES.includes(value['outcome']) &&
    typeof value['reason'] === 'string' &&
    typeof value['judge'] === 'string' &&
    (invalid === undefined || typeof invalid === 'string') &&
    typeof value['at'] === 'string';
  return ok ? (value as unknown as JudgementRecord) : undefined;
}

/** The records of a sidecar, in file order: whole lines that parse; a missing file has none. */
export async function readSidecar<T>(path: string, parse: (value: unknown) => T | undefined): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw fileError('read', path, error);
  }
  const lines = text.split('\n');
  // The part after the last line break is a cut-off write (or nothing).
  lines.pop();
  const records: T[] = [];
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const record = parse(value);
    if (record !== undefined) records.push(record);
  }
  return records;
}

/**
 * Appends records to one sidecar, one line each, in call order. A file that does not end with a line break (a
 * cut-off write) first gets one, so the cut line stays unreadable and the new one whole.
 */
export class SidecarAppender {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  append(record: VoteRecord | JudgementRecord): Promise<void> {
    const line = `${JSON.stringify(record).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
    const written = this.queue.then(() => appendLine(this.path, line));
    this.queue = written.catch(() => undefined);
    return written;
  }
}

async function appendLine(path: string, line: string): Promise<void> {
  try {
    const handle = await open(path, 'a+');
    try {
      const { size } = await handle.stat();
      let bytes = Buffer.from(line);
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) bytes = Buffer.concat([Buffer.from('\n'), bytes]);
      }
      // One write: a crash leaves at most this line cut, which readers skip.
      await handle.write(bytes, 0, bytes.length, null);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError('write', path, error);
  }
}

/** The latest record of each (prompt, pair of models) — the pair in either order. */
export function latestPerPair<T extends { promptKey: string; a: string; b: string }>(records: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const record of records) {
    const key = JSON.stringify([record.promptKey, ...[record.a, record.b].sort()]);
    latest.delete(key);
    latest.set(key, record);
  }
  return [...latest.values()];
}
