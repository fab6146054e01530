import type * as vscode from 'vscode';

/** What ends the wait for a document's first analysis. */
export type AnalysisWait = 'analysed' | 'closed';

/**
 * Waits for the first analysis of an open document, or for the document to close (it is then never analysed, and a
 * report waiting for it would wait forever).
 */
export function waitForAnalysis(
  document: vscode.TextDocument,
  onDidAnalyse: vscode.Event<{ readonly document: vscode.TextDocument }>,
  onDidClose: vscode.Event<vscode.TextDocument>,
): Promise<AnalysisWait> {
  if (document.isClosed) return Promise.resolve('closed');
  return new Promise((resolve) => {
    const end = (outcome: AnalysisWait): void => {
      analysed.dispose();
      closed.dispose();
      resolve(outcome);
    };
    const analysed = onDidAnalyse((event) => event.document === document && end('analysed'));
    const closed = onDidClose((closing) => closing === document && end('closed'));
  });
}
