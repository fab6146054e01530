// `POST /v1/chat/completions` bodies: the reply to the last user message as one ChatCompletion or as a stream of
// ChatCompletionChunks shaped like OpenAI's (a role chunk, content chunks, a finish chunk, then the usage chunk).
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { invalidParameter, type ErrorReply } from './errors';
import type { SuccessReply } from './delivery';
import { characterChunks, countTokens, cutReply, replyText, type ReplyStyle } from './replies';
import { isRequestBody, type GenerationParams, type RequestBody } from './requestParams';

/** Characters per chunk when `echo` streams (small, so rendering tests see a reply grow in many steps). */
export const ECHO_CHUNK_CHARACTERS = 3;

export interface ChatInput {
  /** Text of every message, for the prompt's token count. */
  texts: string[];
  /** Text of the last user message ('' when there is none). */
  lastUser: string;
}

/** Reads `messages`; the text of a message is its string content or its text parts joined by newlines. */
export function readChatInput(body: RequestBody): ChatInput | ErrorReply {
  const { messages } = body;
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalidParameter('messages', "'messages' must be a non-empty array of messages.");
  }
  const texts: string[] = [];
  let lastUser = '';
  for (const [index, message] of messages.entries()) {
    if (!isRequestBody(message) || typeof message.role !== 'string') {
      return invalidParameter(`messages.[${index}].role`, `Invalid message at 'messages[${index}]': it needs a role.`);
    }
    const text = messageText(message.content);
    texts.push(text);
    if (message.role === 'user') lastUser = text;
  }
  return { texts, lastUser };
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { text: string } => isRequestBody(part) && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

export function chatReply(
  params: GenerationParams,
  input: ChatInput,
  style: ReplyStyle,
  id: string,
  created: number,
): SuccessReply {
  const reply = cutReply(replyText(style, input.lastUser), params.stop, params.maxTokens);
  const usage: CompletionUsage = {
    prompt_tokens: input.texts.reduce((sum, text) => sum + countTokens(text), 0),
    completion_tokens: reply.tokens.length,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const common = { id, created, model: params.model, system_fingerprint: 'fp_simulator' };

  if (!params.stream) {
    const completion: ChatCompletion = {
      ...common,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: reply.text, refusal: null },
          logprobs: null,
          finish_reason: reply.finishReason,
        },
      ],
      usage,
    };
    return { status: 200, body: completion };
  }

  // With include_usage every chunk carries `usage: null` and one last chunk with no choices carries the usage.
  const chunk = (choices: ChatCompletionChunk.Choice[]): ChatCompletionChunk => ({
    ...common,
    object: 'chat.completion.chunk',
    choices,
    ...(params.includeUsage ? { usage: null } : {}),
  });
  const pieces = style === 'echo' ? characterChunks(reply.text, ECHO_CHUNK_CHARACTERS) : reply.tokens;
  const events: ChatCompletionChunk[] = [
    chunk([
      { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
    ]),
    ...pieces.map((piece) => chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: reply.finishReason }]),
  ];
  if (params.includeUsage) events.push({ ...chunk([]), usage });
  return { events };
}
