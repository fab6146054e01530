import { randomBytes } from 'node:crypto';
import { link, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { messageOf } from '../errors/messageOf';
import type { AtomicLineWriter, WriteResult } from './atomicWriter';
import { errorCode } from './fileErrors';
import { temporaryFiles } from './temporaryFiles';

/** How a target can be put back: it did not exist, a hard link holds its old content, or it cannot be. */
type Backup = { readonly kind: 'none' } | { readonly kind: 'link'; readonly path: string } | { readonly kind: 'lost' };

/**
 * Commits several writers as one: every temporary file is flushed and fsynced first (a full disk or any other write
 * error shows up here, while no target has been touched), and only then are they renamed over their targets. Should
 * a rename fail, the targets already replaced are put back from hard-link backups taken just before, so the outputs
 * are replaced all or none. On any failure every temporary file is removed; `signal` is honoured until the renames
 * start.
 */
export async function commitTogether(
  writers: readonly AtomicLineWriter[],
  signal?: AbortSignal,
): Promise<WriteResult[]> {
  try {
    for (const writer of writers) await writer.prepare();
    signal?.throwIfAborted();
  } catch (error) {
    for (const writer of writers) await writer.abort();
    throw error;
  }

  const backups: Backup[] = [];
  const results: WriteResult[] = [];
  try {
    for (const writer of writers) {
      backups.push(await backupOf(writer));
      results.push(await writer.publish());
    }
    return results;
  } catch (error) {
    for (const writer of writers) await writer.abort();
    const notRestored: string[] = [];
    for (let i = results.length - 1; i >= 0; i--) {
      if (!(await restore(writers[i]!, backups[i]!))) notRestored.push(writers[i]!.targetPath);
    }
    if (notRestored.length === 0) throw error;
    throw new Error(
      `${messageOf(error)}. ${notRestored.join(' and ')} already had the new content and could not be put back.`,
      {
        cause: error,
      },
    );
  } finally {
    for (const backup of backups) if (backup.kind === 'link') await removeBackup(backup.path);
  }
}

/** A hard link to the target's current file, taken just before the rename replaces it. */
async function backupOf(writer: AtomicLineWriter): Promise<Backup> {
  const target = writer.writtenPath;
  const path = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.bak`);
  try {
    await link(target, path);
  } catch (error) {
    // Without hard links (some network and FAT file systems) the rename still happens, without a way back.
    return errorCode(error) === 'ENOENT' ? { kind: 'none' } : { kind: 'lost' };
  }
  temporaryFiles.add(path);
  return { kind: 'link', path };
}

/** Puts a replaced target back as it was; false when that is not possible. */
async function restore(writer: AtomicLineWriter, backup: Backup): Promise<boolean> {
  try {
    if (backup.kind === 'lost') return false;
    if (backup.kind === 'none') await unlink(writer.writtenPath);
    else await rename(backup.path, writer.writtenPath);
    return true;
  } catch {
    return false;
  }
}

async function removeBackup(backup: string): Promise<void> {
  await unlink(backup).catch(() => undefined);
  temporaryFiles.delete(backup);
}
