import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileError } from '../../core/io/fileErrors';
import { checkOutputTarget } from '../../core/io/outputTarget';
import { temporaryFiles } from '../../core/io/temporaryFiles';

/**
 * Writes bytes exactly (a downloaded result file) to a hidden temporary file beside the target, fsyncs it and renames
 * it over the target, so a failure leaves any existing file as it was. Devices, FIFOs and folders are refused.
 */
export async function saveBytesAtomically(targetPath: string, bytes: Uint8Array): Promise<void> {
  const target = await checkOutputTarget(targetPath);
  const tempPath = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  temporaryFiles.add(tempPath);
  try {
    const handle = await open(tempPath, 'wx', target.existing === undefined ? 0o666 : target.existing.mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, target.path);
    temporaryFiles.delete(tempPath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    temporaryFiles.delete(tempPath);
    throw fileError('write', targetPath, error);
  }
}
