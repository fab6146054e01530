import { alpacaToChat, chatToAlpaca } from './alpaca';
import { copyValidChat } from './chatMessages';
import { convertCsvToChat } from './csv/csvToChat';
import { mappedToChat } from './fieldMapping';
import { convertJsonl, type RecordConverter } from './jsonlConversion';
import { chatToLegacy, legacyTemplate, legacyToChat } from './legacy';
import type { Conversion, ConvertSpec, SourceFormat, StreamOptions, TargetFormat } from './model';
import { preferenceToPreference } from './preference';
import { chatToSharegpt, sharegptToChat } from './sharegpt';
import { preferenceToTrl, trlToChat, trlToPreference } from './trl';
import { convertTwcsToChat } from './twcs/twcsToChat';

/** Every supported source → target pair, for pickers and usage messages. */
export const SUPPORTED_CONVERSIONS: readonly { readonly from: SourceFormat; readonly to: TargetFormat }[] = [
  { from: 'csv', to: 'chat' },
  { from: 'twcs', to: 'chat' },
  { from: 'legacy', to: 'chat' },
  { from: 'sharegpt', to: 'chat' },
  { from: 'alpaca', to: 'chat' },
  { from: 'trl', to: 'chat' },
  { from: 'mapped', to: 'chat' },
  { from: 'chat', to: 'chat' },
  { from: 'trl', to: 'preference' },
  { from: 'preference', to: 'preference' },
  { from: 'chat', to: 'legacy' },
  { from: 'chat', to: 'sharegpt' },
  { from: 'chat', to: 'trl' },
  { from: 'chat', to: 'alpaca' },
  { from: 'preference', to: 'trl' },
];

/** Whether {@link convertStream} handles `from` → `to`. */
export function isSupportedConversion(from: string, to: string): boolean {
  return SUPPORTED_CONVERSIONS.some((pair) => pair.from === from && pair.to === to);
}

function recordConverter(spec: ConvertSpec): RecordConverter | undefined {
  switch (spec.from) {
    case 'legacy':
      return legacyToChat(legacyTemplate(spec.template));
    case 'mapped':
      return mappedToChat(spec.mapping);
    case 'sharegpt':
      return sharegptToChat;
    case 'alpaca':
      return alpacaToChat;
    case 'trl':
      return spec.to === 'chat' ? trlToChat : trlToPreference;
    case 'preference':
      return spec.to === 'trl' ? preferenceToTrl : preferenceToPreference;
    case 'chat':
      switch (spec.to) {
        case 'legacy':
          return chatToLegacy(legacyTemplate(spec.template), spec.legacy);
        case 'sharegpt':
          return chatToSharegpt;
        case 'alpaca':
          return chatToAlpaca;
        case 'chat':
        case 'trl':
          return copyValidChat;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Converts a file's bytes as `spec` says. Read the returned lines to the end, then ask for the report. TWCS needs
 * `options.readAt` (random access to the same input).
 */
export function convertStream(
  input: AsyncIterable<Uint8Array>,
  spec: ConvertSpec,
  options: StreamOptions = {},
): Conversion {
  if (spec.from === 'csv') return convertCsvToChat(input, spec.csv, options);
  if (spec.from === 'twcs') return convertTwcsToChat(input, spec.twcs, options);
  const converter = recordConverter(spec);
  if (converter === undefined) throw new Error(`Unsupported conversion ${spec.from} → ${spec.to}.`);
  return convertJsonl(input, converter, options);
}
