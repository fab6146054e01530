/**
 * Which file id each dataset content already has on each connection's server, so uploading identical bytes again
 * reuses the earlier file. Kept in globalState (content hashes, file ids and names: no secret), per connection.
 * Pure (the memento is structural), so it is unit-tested in Node.
 */

/** The part of `vscode.Memento` used here. */
export interface RecordsMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** An earlier upload of a dataset's exact bytes. */
export interface UploadRecord {
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly fileId: string;
  /** The file name it was uploaded under. */
  readonly filename: string;
  readonly bytes: number;
  /** Unix milliseconds. */
  readonly uploadedAt: number;
  /** The dataset format validation detected (`chat`, `preference`…), so a job can check it without the file. */
  readonly format?: string;
}

const PREFIX = 'fineTuneStudio.uploads.';
/** Enough for any real project's datasets; the oldest go first so globalState stays small. */
const MAX_RECORDS_PER_CONNECTION = 200;

export class UploadRecords {
  constructor(private readonly memento: RecordsMemento) {}

  /** The connection's uploads, newest first. Malformed entries (storage is anyone's to edit) are dropped. */
  list(connectionId: string): UploadRecord[] {
    const stored = this.memento.get(PREFIX + connectionId);
    if (!Array.isArray(stored)) return [];
    return stored.filter(isRecord).sort((a, b) => b.uploadedAt - a.uploadedAt);
  }

  /** The newest upload of this content to this connection, if any. */
  find(connectionId: string, sha256: string): UploadRecord | undefined {
    return this.list(connectionId).find((record) => record.sha256 === sha256);
  }

  /** Remembers an upload; an older record of the same content or file id is replaced. */
  async remember(connectionId: string, record: UploadRecord): Promise<void> {
    const others = this.list(connectionId).filter(
      (existing) => existing.sha256 !== record.sha256 && existing.fileId !== record.fileId,
    );
    await this.memento.update(PREFIX + connectionId, [record, ...others].slice(0, MAX_RECORDS_PER_CONNECTION));
  }

  /** Forgets a file the server no longer has. */
  async forgetFile(connectionId: string, fileId: string): Promise<void> {
    const kept = this.list(connectionId).filter((record) => record.fileId !== fileId);
    await this.memento.update(PREFIX + connectionId, kept.length === 0 ? undefined : kept);
  }
}

function isRecord(value: unknown): value is UploadRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(record.sha256) &&
    typeof record.fileId === 'string' &&
    record.fileId !== '' &&
    typeof record.filename === 'string' &&
    typeof record.bytes === 'number' &&
    typeof record.uploadedAt === 'number' &&
    (record.format === undefined || typeof record.format === 'string')
  );
}
