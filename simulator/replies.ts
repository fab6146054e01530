// Deterministic replies derived from the request, and their token accounting, so tests can assert exact text.
// A "token" here is a word with the whitespace before it (`/\s*\S+/`): simple, but the same rule everywhere, so
// usage counts, `max_tokens` cuts and streamed pieces always agree.
import { judgeVerdict } from './judgeVerdict';

/** What a model answers before `stop` and `max_tokens` are applied. */
export type ReplyStyle = 'simulated-chat' | 'fine-tuned-chat' | 'pairwise-judge' | 'simulated-completion' | 'echo';

export interface CutReply {
  text: string;
  finishReason: 'stop' | 'length';
  /** The reply's tokens in order; joined they are `text`. */
  tokens: string[];
}

/** Splits text into tokens; joined they give the text back (trailing whitespace is a token of its own). */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

export function replyText(style: ReplyStyle, input: string): string {
  switch (style) {
    case 'simulated-chat':
      return `Simulated reply to: ${input}`;
    case 'fine-tuned-chat':
      return `[fine-tuned] Simulated reply to: ${input}`;
    case 'pairwise-judge':
      // A message that is not a judge prompt gets the base model's reply, as a judge model would just chat.
      return judgeVerdict(input) ?? replyText('simulated-chat', input);
    case 'simulated-completion':
      // Newlines are flattened so a prompt template's own turn markers (e.g. "\nHuman") do not end the reply early.
      return ` Simulated completion of: ${input.replace(/\s*\n\s*/g, ' ')}`;
    case 'echo':
      return input;
  }
}

/**
 * Applies the request's limits as a real server does: the text ends before the first stop sequence
 * (finish_reason "stop"), and then after `maxTokens` tokens (finish_reason "length").
 */
export function cutReply(text: string, stop: readonly string[], maxTokens: number | undefined): CutReply {
  let cut = text;
  for (const sequence of stop) {
    const at = sequence === '' ? -1 : cut.indexOf(sequence);
    if (at >= 0) cut = cut.slice(0, at);
  }
  const tokens = tokenize(cut);
  if (maxTokens !== undefined && tokens.length > maxTokens) {
    const kept = tokens.slice(0, maxTokens);
    return { text: kept.join(''), finishReason: 'length', tokens: kept };
  }
  return { text: cut, finishReason: 'stop', tokens };
}

/** Splits text into pieces of `size` characters (whole code points, so no emoji is cut in half). */
export function characterChunks(text: string, size: number): string[] {
  const characters = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < characters.length; i += size) chunks.push(characters.slice(i, i + size).join(''));
  return chunks;
}
