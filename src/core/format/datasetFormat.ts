/**
 * The dataset formats the studio validates. Chat and reinforcement (RFT) lines share the `messages` layout and are
 * told apart by how the conversation ends; preference (DPO) and legacy completion lines have their own keys.
 */
export type DatasetFormat = 'chat' | 'preference' | 'rft' | 'completion';

/** Every format, in the order settings and pickers list them. */
export const DATASET_FORMATS: readonly DatasetFormat[] = ['chat', 'preference', 'rft', 'completion'];

/** Human names for messages and pickers. */
export const FORMAT_LABELS: Readonly<Record<DatasetFormat, string>> = {
  chat: 'chat (supervised fine-tuning)',
  preference: 'preference (DPO)',
  rft: 'reinforcement fine-tuning (RFT)',
  completion: 'legacy prompt/completion',
};

/**
 * Formats with the same top-level layout. Chat and RFT lines differ only in their last turn, so a chat line in an
 * RFT file is a broken RFT example rather than a different format.
 */
export type FormatFamily = 'messages' | 'preference' | 'completion';

/** The layout family of a format. */
export function formatFamily(format: DatasetFormat): FormatFamily {
  return format === 'chat' || format === 'rft' ? 'messages' : format;
}
