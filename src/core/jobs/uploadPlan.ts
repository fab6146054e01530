/**
 * Upload planning, pure: which API carries a file, how it is cut into parts, and whether an Uploads API upload can
 * still finish before the server expires it. The limits are the API's published ones, read as decimal megabytes
 * and gigabytes: if the server counts in binary units, decimal is the smaller and still within them, and routing a
 * file of 512–537 million bytes through the Uploads API costs nothing.
 */

/** Largest file the Files API takes in one request. */
export const FILES_API_MAX_BYTES = 512_000_000;
/** Largest file the Uploads API assembles. */
export const UPLOADS_API_MAX_BYTES = 8_000_000_000;
/** Largest part of an Uploads API upload. */
export const MAX_PART_BYTES = 64_000_000;
/** An upload the Uploads API has not completed an hour after it was created expires. */
export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

export interface UploadLimits {
  /** Files up to this size go through the Files API; larger ones through the Uploads API (tests make it small). */
  filesApiMaxBytes: number;
  /** The size of every part but the last (≤ MAX_PART_BYTES). */
  partBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = {
  filesApiMaxBytes: FILES_API_MAX_BYTES,
  partBytes: MAX_PART_BYTES,
};

/** A byte range of the file: `start` inclusive, `end` exclusive. */
export interface PartRange {
  index: number;
  start: number;
  end: number;
}

export type UploadRoute =
  { ok: true; api: 'files' } | { ok: true; api: 'uploads'; parts: PartRange[] } | { ok: false; message: string };

/** Chooses the API for a file of `bytes` and, for the Uploads API, its parts in order. */
export function planUpload(bytes: number, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): UploadRoute {
  if (!Number.isSafeInteger(bytes) || bytes < 0) return { ok: false, message: `${bytes} is not a file size.` };
  if (bytes === 0) return { ok: false, message: 'The file is empty: there is nothing to upload.' };
  if (bytes > UPLOADS_API_MAX_BYTES)
    return {
      ok: false,
      message: `The file is ${formatBytes(bytes)}; the API takes files up to ${formatBytes(UPLOADS_API_MAX_BYTES)}. Split the dataset (“Split into Train/Validation…” or “Sample Examples…”) and upload a smaller file.`,
    };
  if (bytes <= limits.filesApiMaxBytes) return { ok: true, api: 'files' };
  return { ok: true, api: 'uploads', parts: planParts(bytes, limits.partBytes) };
}

/** Cuts `bytes` into consecutive parts of `partBytes` (the last one shorter). */
export function planParts(bytes: number, partBytes: number): PartRange[] {
  if (!Number.isSafeInteger(partBytes) || partBytes < 1 || partBytes > MAX_PART_BYTES)
    throw new RangeError(`A part must be 1 to ${MAX_PART_BYTES} bytes (got ${partBytes}).`);
  const parts: PartRange[] = [];
  for (let start = 0; start < bytes; start += partBytes)
    parts.push({ index: parts.length, start, end: Math.min(start + partBytes, bytes) });
  return parts;
}

export interface UploadPace {
  /** Milliseconds since the upload was created on the server. */
  elapsedMs: number;
  /** Bytes sent so far (parts in flight included). */
  sentBytes: number;
  totalBytes: number;
  /** How long the server keeps the upload open, from its creation. */
  lifetimeMs: number;
}

/** Time kept in hand for completing the upload (the server assembles the parts) and for a slow last part. */
export const EXPIRY_MARGIN_MS = 2 * 60 * 1000;
/** Throughput measured over less than this is too noisy to give up on an upload for. */
export const MIN_PACE_SAMPLE_MS = 5_000;

/**
 * Whether an upload at its measured pace will finish before it expires: undefined when it will (or when too little
 * was measured to tell), otherwise the message to stop with. Giving up early beats sending gigabytes to an upload
 * the server throws away at the hour.
 */
export function expiryProblem(pace: UploadPace): string | undefined {
  const { elapsedMs, sentBytes, totalBytes, lifetimeMs } = pace;
  const budgetMs = lifetimeMs - EXPIRY_MARGIN_MS;
  const remaining = totalBytes - sentBytes;
  if (remaining <= 0) return undefined;
  const minutes = Math.round(lifetimeMs / 60_000);
  if (elapsedMs >= budgetMs)
    return `The upload is not finished after ${Math.round(elapsedMs / 60_000)} minutes and the server discards an unfinished upload ${minutes} minutes after it starts, so it was stopped. Upload from a faster connection, or upload a smaller file.`;
  if (elapsedMs < MIN_PACE_SAMPLE_MS || sentBytes <= 0) return undefined;
  const bytesPerMs = sentBytes / elapsedMs;
  const projectedMs = elapsedMs + remaining / bytesPerMs;
  if (projectedMs <= budgetMs) return undefined;
  return `At the measured ${formatBytes(bytesPerMs * 1000)}/s, the upload of ${formatBytes(totalBytes)} would take about ${Math.ceil(projectedMs / 60_000)} minutes, but the server discards an unfinished upload ${minutes} minutes after it starts, so it was stopped early. Upload from a faster connection, or upload a smaller file.`;
}

/** Decimal units, like the API's limits: 512 MB, 1.5 GB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${trim(bytes / 1e9)} GB`;
  if (bytes >= 1e6) return `${trim(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${trim(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} bytes`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : String(Number(value.toFixed(1)));
}
