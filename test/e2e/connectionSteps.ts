// Steps on connections that several e2e files share.
import { page } from './session';
import { answerDialog, pickExactRow, runCommand } from './workbench';

/**
 * Removes a connection (and its key) through Remove Connection. Later files pick models from every connection, so a
 * file leaves no connection to its (closed) simulator behind.
 */
export async function removeConnection(name: string): Promise<void> {
  await runCommand(page(), 'Fine-Tune: Remove Connection');
  await pickExactRow(page(), name, name);
  await answerDialog(page(), name, 'Remove');
}
