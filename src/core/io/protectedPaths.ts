import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Thrown when an output would overwrite one of the inputs it is made from. */
export class ProtectedPathError extends Error {
  constructor(
    readonly targetPath: string,
    readonly protectedPath: string,
  ) {
    super(`Refusing to write ${targetPath}: it is the input ${protectedPath}. Choose another output path.`);
    this.name = 'ProtectedPathError';
  }
}

/** The canonical path of a file that may not exist yet: its folder is resolved through links, its name kept. */
async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

async function fileIdentity(path: string): Promise<string | undefined> {
  try {
    // BigInt: 64-bit inode numbers (Windows file ids) lose precision as doubles. Zero means "not provided".
    const info = await stat(path, { bigint: true });
    return info.ino === 0n ? undefined : `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Throws {@link ProtectedPathError} when `targetPath` names the same file as one of `protectedPaths`. Paths are
 * compared after resolving links, and existing files also by device and inode, which catches hard links and
 * case-insensitive file systems where two spellings name one file.
 */
export async function assertNotProtected(targetPath: string, protectedPaths: readonly string[]): Promise<void> {
  if (protectedPaths.length === 0) return;
  const target = await canonicalPath(targetPath);
  const targetIdentity = await fileIdentity(targetPath);
  for (const protectedPath of protectedPaths) {
    const same =
      (await canonicalPath(protectedPath)) === target ||
      (targetIdentity !== undefined && (await fileIdentity(protectedPath)) === targetIdentity);
    if (same) throw new ProtectedPathError(targetPath, protectedPath);
  }
}
