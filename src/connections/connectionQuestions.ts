/**
 * The questions Add and Edit Connection ask, and the same steps from answers. Each returns undefined when the user
 * cancels (or, with answers, after showing what is wrong).
 */

import * as vscode from 'vscode';
import {
  COMPATIBLE_PRESETS,
  findPreset,
  normalizeBaseUrl,
  OPENAI_BASE_URL,
  validateConnection,
  type CompatiblePresetId,
  type Connection,
  type ConnectionKind,
} from '../core/connections';
import type { ConnectionAnswers } from './connectionAnswers';

/** What kind of server, with a compatible server's preset. */
export interface KindChoice {
  readonly kind: ConnectionKind;
  readonly preset?: CompatiblePresetId;
}

interface KindItem extends vscode.QuickPickItem {
  readonly choice?: KindChoice;
}

export async function askKind(answers: ConnectionAnswers | undefined): Promise<KindChoice | undefined> {
  if (answers !== undefined) {
    const kind = answers.kind ?? 'compatible';
    return answers.preset === undefined ? { kind } : { kind, preset: answers.preset };
  }
  const items: KindItem[] = [
    {
      label: 'OpenAI',
      description: OPENAI_BASE_URL,
      detail: 'API key; optional organization and project.',
      choice: { kind: 'openai' },
    },
    {
      label: 'Azure OpenAI',
      description: 'resource endpoint',
      detail: 'API key or Microsoft Entra sign-in; the model is the deployment name.',
      choice: { kind: 'azure' },
    },
    { label: 'OpenAI-compatible server', kind: vscode.QuickPickItemKind.Separator },
    ...COMPATIBLE_PRESETS.map((preset): KindItem => ({
      label: preset.label,
      description: preset.defaultBaseUrl,
      choice: { kind: 'compatible', preset: preset.id },
    })),
    { label: 'Other URL…', description: 'any OpenAI-compatible server', choice: { kind: 'compatible' } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Add Connection',
    placeHolder: 'What kind of server?',
  });
  return picked?.choice;
}

/** The label of a kind choice, used as the default name. */
export function kindLabel(choice: KindChoice): string {
  if (choice.preset !== undefined) return findPreset(choice.preset)?.label ?? choice.preset;
  return choice.kind === 'openai' ? 'OpenAI' : choice.kind === 'azure' ? 'Azure OpenAI' : 'OpenAI-compatible server';
}

export async function askName(
  answers: ConnectionAnswers | undefined,
  suggested: string,
  taken: readonly string[],
): Promise<string | undefined> {
  if (answers !== undefined) return (answers.name ?? suggested).trim();
  const name = await vscode.window.showInputBox({
    title: 'Connection name',
    value: suggested,
    validateInput: (value) =>
      value.trim() === ''
        ? 'Give the connection a name.'
        : taken.includes(value.trim())
          ? 'Another connection has this name.'
          : undefined,
  });
  return name?.trim();
}

/** Asks for the URL and shows the normalised result while typing; returns the normalised URL. */
export async function askBaseUrl(
  answers: ConnectionAnswers | undefined,
  choice: KindChoice,
  current: string | undefined,
): Promise<string | undefined> {
  const preset = choice.preset === undefined ? undefined : findPreset(choice.preset);
  const suggested = current ?? preset?.defaultBaseUrl ?? (choice.kind === 'openai' ? OPENAI_BASE_URL : '');
  const typed =
    answers !== undefined
      ? (answers.baseUrl ?? suggested)
      : await vscode.window.showInputBox({
          title: choice.kind === 'azure' ? 'Azure OpenAI resource endpoint' : 'Base URL',
          prompt:
            choice.kind === 'azure'
              ? 'e.g. https://my-resource.openai.azure.com. In the playground, the model is your deployment name.'
              : 'With or without /v1; a pasted …/chat/completions URL is trimmed.',
          value: suggested,
          ignoreFocusOut: true,
          validateInput: (value) => {
            const normalized = normalizeBaseUrl(value, choice.kind);
            if (!normalized.ok) return normalized.message;
            return {
              message: `Requests will go to ${normalized.url}`,
              severity: vscode.InputBoxValidationSeverity.Info,
            };
          },
        });
  if (typed === undefined) return undefined;
  const normalized = normalizeBaseUrl(typed, choice.kind);
  if (!normalized.ok) {
    void vscode.window.showErrorMessage(normalized.message);
    return undefined;
  }
  return normalized.url;
}

/** OpenAI's organization and project, Azure's API version: optional, asked only for their kind. */
export async function askKindDetails(
  answers: ConnectionAnswers | undefined,
  connection: Connection,
): Promise<Connection | undefined> {
  const result: Connection = {
    id: connection.id,
    name: connection.name,
    kind: connection.kind,
    baseUrl: connection.baseUrl,
  };
  if (connection.preset !== undefined) result.preset = connection.preset;
  const optional = async (title: string, prompt: string, current: string | undefined, answer: string | undefined) => {
    if (answers !== undefined) return answer?.trim() ?? current ?? '';
    return (await vscode.window.showInputBox({ title, prompt, value: current ?? '', ignoreFocusOut: true }))?.trim();
  };
  if (connection.kind === 'openai') {
    const organization = await optional(
      'Organization (optional)',
      'Sent as OpenAI-Organization; leave empty for your default.',
      connection.organization,
      answers?.organization,
    );
    if (organization === undefined) return undefined;
    const project = await optional(
      'Project (optional)',
      'Sent as OpenAI-Project; leave empty for your default.',
      connection.project,
      answers?.project,
    );
    if (project === undefined) return undefined;
    if (organization !== '') result.organization = organization;
    if (project !== '') result.project = project;
  }
  if (connection.kind === 'azure') {
    const apiVersion = await optional(
      'API version (optional)',
      'A dated version such as 2024-10-21 uses the AzureOpenAI client; leave empty for the v1 API (<endpoint>/openai/v1).',
      connection.azure?.apiVersion,
      answers?.apiVersion,
    );
    if (apiVersion === undefined) return undefined;
    if (apiVersion !== '') result.azure = { apiVersion };
  }
  const problems = validateConnection(result);
  if (problems.length > 0) {
    void vscode.window.showErrorMessage(problems.map((problem) => problem.message).join(' '));
    return undefined;
  }
  return result;
}
