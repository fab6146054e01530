/**
 * Lineage: the metadata every job we create carries, so a job can always be traced back to the exact training file
 * that produced it (its content hash and name), and so a create that timed out can be found again (the request tag).
 * It lives in the job's own `metadata`, within the API's limits: at most 16 pairs, keys up to 64 characters, values
 * up to 512.
 */

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const METADATA_MAX_PAIRS = 16;
export const METADATA_MAX_KEY_LENGTH = 64;
export const METADATA_MAX_VALUE_LENGTH = 512;

/** Our keys. The `fts_` prefix is reserved: user metadata may not use it. */
export const LINEAGE_KEYS = {
  /** sha256 (hex) of the training file's bytes. */
  contentHash: 'fts_sha256',
  /** The training file's name (workspace-relative path when there is one). */
  fileName: 'fts_file',
  /** A random id per create request (the same through its retries): finds a job whose create timed out. */
  requestTag: 'fts_request',
} as const;
export const RESERVED_KEY_PREFIX = 'fts_';

export interface Lineage {
  contentHash?: string;
  fileName?: string;
  requestTag?: string;
}

/** sha256 (hex) of a file, streamed in 1 MB reads (never read whole). Stops with an AbortError when `signal` fires. */
export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 (hex) of bytes in memory (an editor's unsaved text, encoded as UTF-8 the way it would be uploaded). */
export function sha256OfBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A fresh request tag: `req_` and 24 random hex digits. */
export function newRequestTag(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

/** The lineage pairs for a job. A file name too long for a value keeps its end (the base name matters most). */
export function lineageMetadata(lineage: Required<Lineage>): Record<string, string> {
  return {
    [LINEAGE_KEYS.contentHash]: lineage.contentHash,
    [LINEAGE_KEYS.fileName]: keepEnd(lineage.fileName, METADATA_MAX_VALUE_LENGTH),
    [LINEAGE_KEYS.requestTag]: lineage.requestTag,
  };
}

function keepEnd(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `…${chars.slice(chars.length - (max - 1)).join('')}`;
}

/**
 * What is wrong with metadata a user typed, in words (empty when nothing): too many pairs once our lineage pairs are
 * added, empty or too long keys and values, and keys with our reserved prefix.
 */
export function userMetadataProblems(user: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(user);
  const room = METADATA_MAX_PAIRS - Object.keys(LINEAGE_KEYS).length;
  if (keys.length > room)
    problems.push(
      `Metadata holds at most ${METADATA_MAX_PAIRS} pairs, and Fine-Tune Studio uses ${METADATA_MAX_PAIRS - room} for lineage: ` +
        `remove ${keys.length - room} of your ${keys.length}.`,
    );
  for (const key of keys) {
    const value = user[key] ?? '';
    if (key.trim() === '') problems.push('A metadata key is empty.');
    else if ([...key].length > METADATA_MAX_KEY_LENGTH)
      problems.push(`The metadata key “${clip(key)}” is longer than ${METADATA_MAX_KEY_LENGTH} characters.`);
    if (key.startsWith(RESERVED_KEY_PREFIX))
      problems.push(
        `The metadata key “${clip(key)}” starts with “${RESERVED_KEY_PREFIX}”, which Fine-Tune Studio reserves.`,
      );
    if (typeof value !== 'string') problems.push(`The value of “${clip(key)}” must be text.`);
    else if ([...value].length > METADATA_MAX_VALUE_LENGTH)
      problems.push(`The value of “${clip(key)}” is longer than ${METADATA_MAX_VALUE_LENGTH} characters.`);
  }
  return problems;
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}

/** The metadata to send: the user's pairs and ours. Throws an Error naming every problem when the user's do not fit. */
export function mergeMetadata(
  user: Readonly<Record<string, string>>,
  lineage: Readonly<Record<string, string>>,
): Record<string, string> {
  const problems = userMetadataProblems(user);
  if (problems.length > 0) throw new Error(problems.join(' '));
  return { ...user, ...lineage };
}

/** The lineage a job carries (any part may be missing: jobs created elsewhere have none). */
export function readLineage(metadata: Readonly<Record<string, string>> | undefined): Lineage {
  const lineage: Lineage = {};
  const text = (key: string): string | undefined => {
    const value = metadata?.[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const contentHash = text(LINEAGE_KEYS.contentHash);
  const fileName = text(LINEAGE_KEYS.fileName);
  const requestTag = text(LINEAGE_KEYS.requestTag);
  if (contentHash !== undefined && /^[0-9a-f]{64}$/.test(contentHash)) lineage.contentHash = contentHash;
  if (fileName !== undefined) lineage.fileName = fileName;
  if (requestTag !== undefined) lineage.requestTag = requestTag;
  return lineage;
}
