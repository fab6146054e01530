import type OpenAI from 'openai';
import * as vscode from 'vscode';
import type { Connection } from '../core/connections/connection';
import { describeError } from '../core/connections/describeError';
import { requestUrl } from '../core/connections/requestUrl';
import { listModels } from '../core/connections/testConnection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { pickerOrder } from './modelOrder';
import { MAX_MODELS, type ModelChoice } from './modelSpecs';

interface ModelItem extends vscode.QuickPickItem {
  /** Identifies the item across refreshes, so what the user checked stays checked as lists arrive. */
  readonly key?: string;
  /** The connection the item belongs to. */
  readonly connection?: Connection;
  /** A listed model; absent on the "Other model…" item, which asks for an id. */
  readonly model?: string;
}

/** What listing one connection's models gave. */
type Listing =
  | { readonly state: 'listing' }
  | { readonly state: 'listed'; readonly models: readonly string[] }
  | {
      readonly state: 'failed';
      readonly error: string;
    };

const PLACEHOLDER = `Choose 1 to ${MAX_MODELS} models; every prompt is asked of each`;

/**
 * Lets the user pick 1–4 models over every connection's models, grouped by connection, each group ending with an
 * "Other model…" item that asks for an id (a connection that cannot be listed still offers it, with the error). The
 * picker opens at once and fills in as each connection answers. Undefined when dismissed.
 */
export async function pickModels(registry: ConnectionRegistry): Promise<ModelChoice[] | undefined> {
  const connections = registry.list();
  if (connections.length === 0) {
    const add = 'Add Connection…';
    const choice = await vscode.window.showInformationMessage('There are no connections to run a batch on yet.', add);
    if (choice === add) await vscode.commands.executeCommand('fineTuneStudio.addConnection');
    return undefined;
  }
  const picked = await showPicker(registry, connections);
  if (picked === undefined) return undefined;
  const choices: ModelChoice[] = [];
  for (const item of picked) {
    if (item.connection === undefined) continue;
    const model = item.model ?? (await askModelId(item.connection));
    if (model === undefined) return undefined;
    choices.push({ connection: item.connection.id, model });
  }
  return choices;
}

function showPicker(
  registry: ConnectionRegistry,
  connections: readonly Connection[],
): Promise<ModelItem[] | undefined> {
  const listings = new Map<string, Listing>(connections.map((connection) => [connection.id, { state: 'listing' }]));
  const controller = new AbortController();
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  quickPick.title = 'Run Batch: Models';
  quickPick.placeholder = PLACEHOLDER;
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = true;
  quickPick.busy = true;
  /** The latest selection within the limit, restored when a check goes over it. */
  let lastValid: readonly ModelItem[] = [];

  const render = (): void => {
    const items: ModelItem[] = [];
    for (const connection of connections) {
      const listing = listings.get(connection.id) ?? { state: 'listing' };
      items.push({ label: connection.name, kind: vscode.QuickPickItemKind.Separator });
      if (listing.state === 'listed') {
        for (const model of listing.models) {
          items.push({ key: `${connection.id}\n${model}`, label: model, connection, model });
        }
      }
      items.push({
        key: `${connection.id}\n`,
        label: '$(edit) Other model…',
        description: connection.name,
        connection,
        ...(listing.state === 'listing' ? { detail: 'Listing models…' } : {}),
        ...(listing.state === 'failed' ? { detail: `Could not list models: ${listing.error}` } : {}),
      });
    }
    const selected = new Set(quickPick.selectedItems.map((item) => item.key));
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => item.key !== undefined && selected.has(item.key));
    lastValid = quickPick.selectedItems;
    quickPick.busy = [...listings.values()].some((listing) => listing.state === 'listing');
  };

  for (const connection of connections) {
    void listConnection(registry, connection, controller.signal).then((listing) => {
      if (controller.signal.aborted) return;
      listings.set(connection.id, listing);
      render();
    });
  }

  return new Promise((resolve) => {
    let accepted = false;
    quickPick.onDidChangeSelection((selection) => {
      if (selection.length <= MAX_MODELS) {
        lastValid = selection;
        // At the limit the warning stays: the revert below lands here too.
        if (selection.length < MAX_MODELS) quickPick.placeholder = PLACEHOLDER;
        return;
      }
      quickPick.selectedItems = lastValid;
      quickPick.placeholder = `At most ${MAX_MODELS} models: uncheck one to choose another`;
    });
    quickPick.onDidAccept(() => {
      const selection = quickPick.selectedItems.filter((item) => item.connection !== undefined);
      if (selection.length === 0) {
        quickPick.placeholder = 'Check at least one model (Space), then press Enter';
        return;
      }
      accepted = true;
      resolve([...selection]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      controller.abort();
      quickPick.dispose();
      if (!accepted) resolve(undefined);
    });
    render();
    quickPick.show();
  });
}

async function listConnection(
  registry: ConnectionRegistry,
  connection: Connection,
  signal: AbortSignal,
): Promise<Listing> {
  let client: OpenAI | undefined;
  try {
    client = await registry.clientFor(connection.id);
    const models = await listModels(client, { signal });
    return { state: 'listed', models: pickerOrder(models.map((model) => model.id)) };
  } catch (error) {
    const url = client === undefined ? connection.baseUrl : requestUrl(client, 'models');
    return {
      state: 'failed',
      error: describeError(error, { url, secrets: client === undefined ? [] : [client.apiKey] }),
    };
  }
}

function askModelId(connection: Connection): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: `Run Batch: Model on ${connection.name}`,
      prompt: 'The model id as the server names it, e.g. gpt-4o-mini or llama3.1:8b',
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === '' ? 'Enter a model id.' : undefined),
    })
    .then((text) => text?.trim());
}
