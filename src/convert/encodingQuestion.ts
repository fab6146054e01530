import * as vscode from 'vscode';
import { INPUT_ENCODINGS, type InputEncoding } from '../core/convert/inputEncoding';
import { pickOne } from './prompts';

interface EncodingItem extends vscode.QuickPickItem {
  readonly encoding: InputEncoding;
}

const DESCRIPTIONS: Readonly<Record<InputEncoding, string>> = {
  'utf-8': 'Unicode',
  latin1: 'ISO 8859-1, Western European',
  'windows-1252': 'Western European with € and curly quotes (Excel on Windows)',
  'utf-16le': 'Unicode, 2 bytes per character, little-endian (Excel "Unicode Text")',
  'utf-16be': 'Unicode, 2 bytes per character, big-endian',
};

/**
 * Asks which encoding a file that is not UTF-8 uses, with the likely one pre-selected; the conversion then decodes
 * it instead of turning its characters into U+FFFD. Undefined when dismissed.
 */
export async function askEncoding(
  name: string,
  problem: string,
  likely: InputEncoding,
  title: string,
): Promise<InputEncoding | undefined> {
  // UTF-8 is what the file just failed to be.
  const items: EncodingItem[] = INPUT_ENCODINGS.filter((encoding) => encoding !== 'utf-8').map((encoding) => ({
    encoding,
    label: encoding,
    description: DESCRIPTIONS[encoding],
  }));
  const picked = await pickOne(items, {
    title: `${title}: Encoding of ${name}`,
    placeholder: `${name} ${problem} Which encoding does it use?`,
    active: items.find((item) => item.encoding === likely),
  });
  return picked?.encoding;
}
