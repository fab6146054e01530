/** Plain words for the file system error codes a user can act on; others keep Node's own wording. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EXDEV: 'not on the same file system',
};

/** The `code` of a Node system error (ENOSPC, EACCES, …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A file system error restated about the user's path: `Cannot write /data/out.jsonl: the disk is full (ENOSPC)`.
 * Node's own message names the path of the call, which for outputs is a hidden temporary file the user never chose.
 * The code and the original error stay available (`code`, `cause`).
 */
export function fileError(action: string, userPath: string, error: unknown): Error {
  if (!(error instanceof Error)) return new Error(`Cannot ${action} ${userPath}: ${String(error)}`);
  // Aborts and errors already about the user's path pass through unchanged.
  if (error.name === 'AbortError' || error instanceof FileError) return error;
  const code = errorCode(error);
  const reason = code === undefined ? error.message : `${REASONS[code] ?? withoutPaths(error.message)} (${code})`;
  return new FileError(`Cannot ${action} ${userPath}: ${reason}`, userPath, code, error);
}

/** An error about one of the user's files; its message names that file. */
export class FileError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly code: string | undefined,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'FileError';
  }
}

/** Node's `EXXX: description, syscall 'path' -> 'path'` without the code prefix and the paths. */
function withoutPaths(message: string): string {
  return message
    .replace(/^[A-Z]+: /, '')
    .replace(/, \w+ '.*$/, '')
    .trim();
}
