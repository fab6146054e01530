import * as vscode from 'vscode';
import { inferFieldMapping } from '../core/convert/fieldMapping';
import {
  DEFAULT_LEGACY_TEMPLATE,
  type FieldMapping,
  type LegacyExportOptions,
  type LegacyTemplate,
} from '../core/convert/model';
import { askText, pickOne, previewText } from './prompts';

/** A field in a picker; `path` is undefined for "None"; `template` asks for a template that joins fields. */
interface FieldItem extends vscode.QuickPickItem {
  readonly path: string | undefined;
  readonly template?: boolean;
}

const TEMPLATE_ITEM: FieldItem = {
  label: 'Join fields with a template…',
  description: 'e.g. {instruction}\\n\\n{input}',
  path: undefined,
  template: true,
};

/**
 * Asks for a template joining fields (`{instruction}\n\n{input}`), pre-filled with the two most common text
 * fields; `\n` typed in the box is a newline. Undefined when dismissed.
 */
async function askTemplate(title: string, items: readonly FieldItem[]): Promise<string | undefined> {
  const paths = items.filter((item) => item.path !== undefined).map((item) => `{${item.path!}}`);
  const template = await askText(
    title,
    'Fields in braces are filled in from each line (dot paths, e.g. {conversations.0.value}); write a newline as \\n.',
    paths.slice(0, 2).join('\\n\\n'),
  );
  return template === undefined || template.trim() === '' ? undefined : unescapeControls(template);
}

/** A picked field as a mapping field: its path, or a template the user writes. Undefined when stopped. */
async function fieldOf(
  picked: FieldItem | undefined,
  title: string,
  items: readonly FieldItem[],
): Promise<string | undefined> {
  if (picked?.template === true) return askTemplate(title, items);
  return picked?.path;
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
  const user = await pickOne([...items, TEMPLATE_ITEM], {
    title: `${title}: User Message Field`,
    placeholder: 'Which field holds what the user says?',
    active: find(items, guess.suggested.userField),
  });
  const userField = await fieldOf(user, `${title}: User Message Template`, items);
  if (userField === undefined) return undefined;
  const others = items.filter((item) => item !== user);
  const assistant = await pickOne([...others, TEMPLATE_ITEM], {
    title: `${title}: Assistant Response Field`,
    placeholder: 'Which field holds the answer?',
    active: find(others, guess.suggested.assistantField),
  });
  const assistantField = await fieldOf(assistant, `${title}: Assistant Response Template`, items);
  if (assistantField === undefined) return undefined;
  const none: FieldItem = { label: 'None', description: 'no system message', path: undefined };
  const systemItems = [none, ...others.filter((item) => item !== assistant)];
  const system = await pickOne(systemItems, {
    title: `${title}: System Prompt Field`,
    placeholder: 'Which field holds a system prompt, if any?',
    active: find(systemItems, guess.suggested.systemField) ?? none,
  });
  if (system === undefined) return undefined;
  return {
    userField,
    assistantField,
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

interface PairsItem extends vscode.QuickPickItem {
  readonly perTurn: boolean;
}

/**
 * Asks for the legacy export's prompt header (`{system}` pre-filled: the system message, as by default) and whether
 * to write one pair per example or per assistant turn. Undefined when dismissed.
 */
export async function askLegacyExport(title: string): Promise<LegacyExportOptions | undefined> {
  const header = await askText(
    `${title}: Prompt Header`,
    'Put before the separator, e.g. Summary: {system}\\n\\nSpecific information: … ({system} is the system message; empty for none). Write a newline as \\n.',
    '{system}',
  );
  if (header === undefined) return undefined;
  const perExample: PairsItem = { label: 'One pair per example', description: 'its last answer', perTurn: false };
  const perTurn: PairsItem = {
    label: 'One pair per assistant turn',
    description: 'the conversation so far as the prompt',
    perTurn: true,
  };
  const pairs = await pickOne([perExample, perTurn], {
    title: `${title}: Pairs`,
    placeholder: 'How many prompt/completion pairs per chat example?',
    active: perExample,
  });
  if (pairs === undefined) return undefined;
  return {
    ...(pairs.perTurn ? { perTurn: true } : {}),
    ...(header === '{system}' ? {} : { header: unescapeControls(header) }),
  };
}
