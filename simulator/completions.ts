// `POST /v1/completions` bodies (the legacy prompt -> text endpoint): one Completion, or a stream of Completion
// chunks with the text in pieces, a finish chunk, then the usage chunk when asked for.
import type { Completion, CompletionChoice, CompletionUsage } from 'openai/resources/completions';
import { ECHO_CHUNK_CHARACTERS } from './chat';
import { invalidParameter, type ErrorReply } from './errors';
import type { SuccessReply } from './delivery';
import { characterChunks, countTokens, cutReply, replyText, type ReplyStyle } from './replies';
import type { GenerationParams, RequestBody } from './requestParams';

/**
 * A streamed Completion: the SDK's type has no `finish_reason: null`, but every chunk before the last carries exactly
 * that on the real API, so the choices here allow it.
 */
type CompletionChunk = Omit<Completion, 'choices'> & {
  choices: Array<Omit<CompletionChoice, 'finish_reason'> & { finish_reason: CompletionChoice['finish_reason'] | null }>;
};

/** Reads `prompt`; the simulator answers one string prompt (arrays and token ids are refused with a 400). */
export function readPrompt(body: RequestBody): string | ErrorReply {
  const { prompt } = body;
  if (typeof prompt !== 'string') {
    return invalidParameter('prompt', "The simulator's completions endpoint needs 'prompt' as one string.");
  }
  return prompt;
}

export function completionReply(
  params: GenerationParams,
  prompt: string,
  style: ReplyStyle,
  id: string,
  created: number,
): SuccessReply {
  const reply = cutReply(replyText(style, prompt), params.stop, params.maxTokens);
  const usage: CompletionUsage = {
    prompt_tokens: countTokens(prompt),
    completion_tokens: reply.tokens.length,
    total_tokens: countTokens(prompt) + reply.tokens.length,
  };
  const completion = (choices: CompletionChunk['choices']): CompletionChunk => ({
    id,
    object: 'text_completion',
    created,
    model: params.model,
    system_fingerprint: 'fp_simulator',
    choices,
  });

  if (!params.stream) {
    const body: Completion = {
      ...completion([]),
      choices: [{ index: 0, text: reply.text, logprobs: null, finish_reason: reply.finishReason }],
      usage,
    };
    return { status: 200, body };
  }
  const pieces = style === 'echo' ? characterChunks(reply.text, ECHO_CHUNK_CHARACTERS) : reply.tokens;
  const events: CompletionChunk[] = [
    ...pieces.map((text) => completion([{ index: 0, text, logprobs: null, finish_reason: null }])),
    completion([{ index: 0, text: '', logprobs: null, finish_reason: reply.finishReason }]),
  ];
  if (params.includeUsage) events.push({ ...completion([]), usage });
  return { events };
}
