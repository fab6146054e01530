import * as vscode from 'vscode';
import { sniffCsv } from '../core/convert/csv/sniff';
import type { ConvertSpec } from '../core/convert/model';
import { askCsvMapping } from './csvQuestions';
import type { FileHead } from '../core/convert/fileHead';
import { askFieldMapping, askLegacyTemplate } from './jsonQuestions';
import { pickOne } from './prompts';
import { sampleObjects, type ChatSource } from '../core/convert/sourceGuess';
import { askTwcsOptions } from './twcsQuestions';

interface SourceItem extends vscode.QuickPickItem {
  readonly source: ChatSource;
  /** Asks for the settings that have good defaults (the legacy template). */
  readonly advanced?: boolean;
}

const SOURCE_ITEMS: readonly SourceItem[] = [
  { source: 'csv', label: 'CSV or TSV table', description: 'choose the message, conversation and order columns' },
  { source: 'twcs', label: 'Twitter customer support threads', description: 'Kaggle twcs.csv' },
  {
    source: 'legacy',
    label: 'Legacy prompt/completion',
    description: 'OpenAI conversational template, separator \\n\\n###\\n\\n, stop \\n',
  },
  {
    source: 'legacy',
    advanced: true,
    label: 'Legacy prompt/completion: Advanced…',
    description: 'set the separator and stop sequence',
  },
  { source: 'sharegpt', label: 'ShareGPT', description: 'conversations: [{from, value}]' },
  { source: 'alpaca', label: 'Alpaca', description: 'instruction, input, output' },
  {
    source: 'trl',
    label: 'TRL or chat messages',
    description: 'messages, prompt/completion or prompt/chosen/rejected',
  },
  { source: 'mapped', label: 'Other JSON Lines', description: 'choose the user, assistant and system fields' },
];

/** Lets the user confirm or change the guessed source format; the guess is pre-selected and marked. */
async function pickSource(guess: ChatSource, title: string): Promise<SourceItem | undefined> {
  const items = SOURCE_ITEMS.map((item) =>
    item.source === guess && item.advanced !== true
      ? { ...item, description: `${item.description ?? ''} (detected)` }
      : item,
  );
  return pickOne(items, {
    title: `${title}: Source Format`,
    placeholder: 'What does the file hold?',
    active: items.find((item) => item.source === guess && item.advanced !== true),
  });
}

/**
 * Asks everything a conversion to chat needs, starting from the guessed format: the CSV column mapping (remembered
 * per file in `memory`), the TWCS clean-up, the fields of unknown JSON, the legacy template only via "Advanced…".
 * Undefined when the user stops.
 */
export async function askChatSpec(
  input: vscode.Uri,
  head: FileHead,
  guess: ChatSource,
  memory: vscode.Memento,
  title: string,
): Promise<ConvertSpec | undefined> {
  const picked = await pickSource(guess, title);
  if (picked === undefined) return undefined;
  switch (picked.source) {
    case 'csv': {
      const sniff = sniffCsv(head.text, head.isWholeFile);
      if (sniff.columns.length < 2) {
        void vscode.window.showErrorMessage(`${title}: the file does not split into columns (tried , ; | and tab).`);
        return undefined;
      }
      const mapping = await askCsvMapping(input, sniff, memory, title);
      // The columns the user saw are the ones converted: the worker does not sniff again.
      return (
        mapping && { from: 'csv', to: 'chat', csv: { mapping, delimiter: sniff.delimiter, hasHeader: sniff.hasHeader } }
      );
    }
    case 'twcs': {
      const twcs = await askTwcsOptions(title);
      return twcs && { from: 'twcs', to: 'chat', twcs };
    }
    case 'legacy': {
      if (picked.advanced !== true) return { from: 'legacy', to: 'chat' };
      const template = await askLegacyTemplate(title);
      return template && { from: 'legacy', to: 'chat', template };
    }
    case 'mapped': {
      const mapping = await askFieldMapping(sampleObjects(head.text, head.isWholeFile), title);
      return mapping && { from: 'mapped', to: 'chat', mapping };
    }
    default:
      return { from: picked.source, to: 'chat' };
  }
}
