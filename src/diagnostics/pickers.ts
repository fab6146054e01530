import * as vscode from 'vscode';
import { DATASET_FORMATS, FORMAT_LABELS } from '../core/format/datasetFormat';
import { modelWarning } from '../core/models/modelLookup';
import { MODEL_TABLE } from '../core/models/modelTable';

/** Where a setting change for the active file goes: its workspace folder, else the workspace, else the user. */
function target(uri: vscode.Uri | undefined): { scope: vscode.Uri | undefined; target: vscode.ConfigurationTarget } {
  if (uri && vscode.workspace.getWorkspaceFolder(uri))
    return { scope: uri, target: vscode.ConfigurationTarget.WorkspaceFolder };
  if (vscode.workspace.workspaceFolders?.length)
    return { scope: undefined, target: vscode.ConfigurationTarget.Workspace };
  return { scope: undefined, target: vscode.ConfigurationTarget.Global };
}

/** "Select Model for Token Counts…" and "Set Dataset Format…". Both accept the value as an argument (tests, keybindings). */
export function registerPickers(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fineTuneStudio.selectModel', async (value?: string) => {
      const where = target(vscode.window.activeTextEditor?.document.uri);
      const config = vscode.workspace.getConfiguration('fineTuneStudio', where.scope);
      let model = typeof value === 'string' ? value : undefined;
      if (!model) {
        const current = config.get<string>('model');
        const items: vscode.QuickPickItem[] = MODEL_TABLE.map((m) => ({
          label: m.id,
          description: [
            m.id === current ? 'current' : '',
            m.exampleTokenLimit ? `${m.exampleTokenLimit.toLocaleString('en-US')} tokens/example` : '',
            m.trainingPrice ? `$${m.trainingPrice.usdPerMillionTokens}/1M training tokens` : '',
          ]
            .filter(Boolean)
            .join(' · '),
          detail: m.aliases.length ? `also: ${m.aliases.join(', ')}` : undefined,
        }));
        items.push({
          label: 'Other model…',
          description: 'type a model name (e.g. a fine-tuned model)',
          alwaysShow: true,
        });
        const picked = await vscode.window.showQuickPick(items, {
          title: 'Model for token counts, limits and cost',
          placeHolder: current,
        });
        if (!picked) return;
        model =
          picked.label === 'Other model…'
            ? await vscode.window.showInputBox({
                title: 'Model name',
                value: current,
                validateInput: (v) => {
                  if (!v.trim()) return 'Enter a model name';
                  const warning = modelWarning(v, config.get<number>('defaultExampleTokenLimit'));
                  return warning === undefined
                    ? undefined
                    : { message: warning, severity: vscode.InputBoxValidationSeverity.Warning };
                },
              })
            : picked.label;
      }
      if (model) await config.update('model', model.trim(), where.target);
    }),
    vscode.commands.registerCommand('fineTuneStudio.selectFormat', async (value?: string) => {
      const where = target(vscode.window.activeTextEditor?.document.uri);
      let format = typeof value === 'string' ? value : undefined;
      if (!format) {
        const picked = await vscode.window.showQuickPick(
          [
            { label: 'auto', description: 'Detect from the first valid lines' },
            ...DATASET_FORMATS.map((f) => ({ label: f, description: FORMAT_LABELS[f] })),
          ],
          { title: 'Dataset format of .jsonl files in this folder' },
        );
        format = picked?.label;
      }
      if (format)
        await vscode.workspace.getConfiguration('fineTuneStudio', where.scope).update('format', format, where.target);
    }),
  );
}
