import * as vscode from 'vscode';
import { requestCode, type CodeLanguage, type RequestCodeInput } from '../core/playground/requestCode';

interface LanguageItem extends vscode.QuickPickItem {
  language: CodeLanguage;
}

const LANGUAGES: readonly LanguageItem[] = [
  { language: 'typescript', label: 'TypeScript', description: 'openai SDK' },
  { language: 'python', label: 'Python', description: 'openai package' },
  { language: 'curl', label: 'curl', description: 'shell command' },
];

/** VS Code's language id for each, so the untitled document opens highlighted. */
const LANGUAGE_IDS: Readonly<Record<CodeLanguage, string>> = {
  typescript: 'typescript',
  python: 'python',
  curl: 'shellscript',
};

/** Where the last language picked is remembered, so it is offered first next time. */
const LAST_LANGUAGE_KEY = 'fineTuneStudio.viewCode.language';

export interface ShowRequestCodeOptions {
  /** Remembers the language picked (e.g. the extension's globalState). */
  memento?: vscode.Memento;
  /** Skips the question (tests, or a caller that already knows). */
  language?: CodeLanguage;
}

/**
 * "View code": asks for a language, then opens the request as code in a new untitled editor beside the
 * playground. The input carries no key; the code reads it from an environment variable. Throws, with a message
 * naming the connection, when its URL is not valid; resolves without opening anything when the user cancels.
 */
export async function showRequestCode(input: RequestCodeInput, options: ShowRequestCodeOptions = {}): Promise<void> {
  const language = options.language ?? (await pickLanguage(options.memento));
  if (language === undefined) return;
  const content = requestCode(input, language);
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_IDS[language], content });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
}

async function pickLanguage(memento: vscode.Memento | undefined): Promise<CodeLanguage | undefined> {
  const last = memento?.get<string>(LAST_LANGUAGE_KEY);
  // The last choice first, so Enter repeats it.
  const items = [...LANGUAGES].sort((a, b) => Number(b.language === last) - Number(a.language === last));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'View Code',
    placeHolder: 'Show the request as…',
  });
  if (picked === undefined) return undefined;
  await memento?.update(LAST_LANGUAGE_KEY, picked.language);
  return picked.language;
}
