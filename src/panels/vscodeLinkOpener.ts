import * as vscode from 'vscode';
import type { LinkOpener } from './openWebLink';

/** Confirms with a modal that shows the whole URL, then opens it in the user's browser. */
export const vscodeLinkOpener: LinkOpener = {
  async confirm(url) {
    const open = 'Open Link';
    const choice = await vscode.window.showWarningMessage(
      'Open a link from a model reply?',
      { modal: true, detail: url },
      open,
    );
    return choice === open;
  },
  open: (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
};
