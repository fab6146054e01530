import * as vscode from 'vscode';
import { inferFieldMapping } from '../core/convert/fieldMapping';
import { DEFAULT_LEGACY_TEMPLATE, type FieldMapping, type LegacyTemplate } from '../core/convert/model';
import { askText, pickOne, previewText } from './prompts';

/** A field in a picker; `path` is undefined for "None". */
interface FieldItem extends vscode.QuickPickItem {
  readonly path: string | undefined;
}

/**
 * Asks which fields of unknown JSON objects hold the user, assistant and optional system text, with the guessed
 * fields pre-selected. Undefined when dismissed, or (after saying so) when the samples have no text fields.
 */
export async function askFieldMapping(samples: readonly unknown[], title: string): Promise<FieldMapping | undefined> {
  const guess = inferFieldMapping(samples);
  if (guess.candidates.length < 2) {
    void vscode.window.showErrorMessage(
      `${title}: the first lines have no two text fields to map to user and assistant messages.`,
    );
    return undefined;
  }
  const items: FieldItem[] = guess.candidates.map((candidate) => ({
    label: candidate.path,
    description: previewText(candidate.example),
    detail: `text in ${Math.round(candidate.presence * 100)} % of the first lines`,
    path: candidate.path,
  }));
  const find = (list: readonly FieldItem[], path: string | undefined): FieldItem | undefined =>
    list.find((item) => item.path === path);
  const user = await pickOne(items, {
    title: `${title}: User Message Field`,
    placeholder: 'Which field holds what the user says?',
    active: find(items, guess.suggested.userField),
  });
  if (user?.path === undefined) return undefined;
  const others = items.filter((item) => item !== user);
  const assistant = await pickOne(others, {
    title: `${title}: Assistant Response Field`,
    placeholder: 'Which field holds the answer?',
    active: find(others, guess.suggested.assistantField),
  });
  if (assistant?.path === undefined) return undefined;
  const none: FieldItem = { label: 'None', description: 'no system message', path: undefined };
  const systemItems = [none, ...others.filter((item) => item !== assistant)];
  const system = await pickOne(systemItems, {
    title: `${title}: System Prompt Field`,
    placeholder: 'Which field holds a system prompt, if any?',
    active: find(systemItems, guess.suggested.systemField) ?? none,
  });
  if (system === undefined) return undefined;
  return {
    userField: user.path,
    assistantField: assistant.path,
    ...(system.path === undefined ? {} : { systemField: system.path }),
  };
}

/** Shows control characters as escapes, so a separator fits in an input box: newline as `\n`, tab as `\t`. */
function escapeControls(text: string): string {
  return text.replace(/[\\\n\t]/g, (char) => (char === '\n' ? '\\n' : char === '\t' ? '\\t' : '\\\\'));
}

/** Reads the escapes {@link escapeControls} writes. */
function unescapeControls(text: string): string {
  return text.replace(/\\([nt\\])/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : '\\'));
}

/** Asks for the legacy template's separator and stop sequence (defaults pre-filled). Undefined when dismissed. */
export async function askLegacyTemplate(title: string): Promise<LegacyTemplate | undefined> {
  const escapes = 'Write a newline as \\n and a tab as \\t.';
  const separator = await askText(
    `${title}: Separator`,
    `Ends the prompt, after the summary header if any. ${escapes}`,
    escapeControls(DEFAULT_LEGACY_TEMPLATE.separator),
  );
  if (separator === undefined) return undefined;
  const stop = await askText(
    `${title}: Stop Sequence`,
    `Ends every completion. ${escapes}`,
    escapeControls(DEFAULT_LEGACY_TEMPLATE.stop),
  );
  if (stop === undefined) return undefined;
  return { separator: unescapeControls(separator), stop: unescapeControls(stop) };
}
