import * as vscode from 'vscode';
import type { TwcsOptions } from '../core/convert/model';
import { askText } from './prompts';

interface CleanupItem extends vscode.QuickPickItem {
  readonly option: 'stripMentions' | 'stripSignoffs' | 'stripLinks' | 'keepHtmlEntities' | 'noOutputLimit';
}

const CLEANUP_ITEMS: readonly CleanupItem[] = [
  { option: 'stripMentions', label: 'Strip @mentions', picked: true },
  {
    option: 'stripSignoffs',
    label: 'Strip agent sign-offs',
    description: 'such as ^RR or -AB at the end of company tweets',
    picked: true,
  },
  { option: 'stripLinks', label: 'Strip t.co links', picked: true },
  {
    option: 'keepHtmlEntities',
    label: 'Keep HTML entities',
    description: '&amp; &gt; &#39; … as the export has them (decoded by default)',
    picked: false,
  },
  {
    option: 'noOutputLimit',
    label: 'No output size limit',
    description:
      'write branching threads however large; by default past 4 × the input (at least 256 MiB) nothing is written',
    picked: false,
  },
];

/** Company names from a comma-separated list; empty entries are dropped. */
export function splitBrands(text: string): string[] {
  return text
    .split(',')
    .map((brand) => brand.trim())
    .filter((brand) => brand !== '');
}

/** Asks how to clean the tweets, which companies to keep and the system prompt. Undefined when dismissed. */
export async function askTwcsOptions(title: string): Promise<TwcsOptions | undefined> {
  const cleanup = await vscode.window.showQuickPick([...CLEANUP_ITEMS], {
    canPickMany: true,
    title: `${title}: Tweet Clean-up`,
    placeHolder: 'What to remove from the tweets',
  });
  if (cleanup === undefined) return undefined;
  const brands = await askText(
    `${title}: Companies`,
    'Author ids of the companies whose threads to keep, comma-separated (e.g. AppleSupport, AmazonHelp); empty keeps all.',
    '',
    'all companies',
  );
  if (brands === undefined) return undefined;
  const system = await askText(
    `${title}: System Prompt`,
    'Optional system message for every example; {brand} becomes the answering company.',
  );
  if (system === undefined) return undefined;
  const chosen = (option: CleanupItem['option']): boolean => cleanup.some((item) => item.option === option);
  return {
    brands: splitBrands(brands),
    stripMentions: chosen('stripMentions'),
    stripSignoffs: chosen('stripSignoffs'),
    stripLinks: chosen('stripLinks'),
    ...(chosen('keepHtmlEntities') ? { keepHtmlEntities: true } : {}),
    ...(chosen('noOutputLimit') ? { maxOutputBytes: 0 } : {}),
    ...(system === '' ? {} : { systemPrompt: system }),
  };
}
