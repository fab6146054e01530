// One generation request (chat or completions) from body to reply: parameters, the fault its model id selects, the
// model's endpoint check, then the endpoint's own body — in the order a real server reports problems.
import { chatReply, readChatInput } from './chat';
import { completionReply, readPrompt } from './completions';
import type { Delivery, Reply } from './delivery';
import { invalidParameter, isErrorReply, modelNotFound } from './errors';
import { FAULTS, unrecognizedParameter } from './faults';
import type { Endpoint, ModelCatalog } from './models';
import { isRequestBody, readGenerationParams } from './requestParams';

export interface GenerationState {
  /** Bodies `fault-429-once` has already refused: the same body again goes through. */
  refusedOnce: Set<string>;
  /** Numbers the replies' ids (`chatcmpl-sim-1`, `cmpl-sim-2`, …). */
  replies: number;
  /** The models that answer, including those fine-tuning jobs created. */
  models: ModelCatalog;
}

export function generate(
  endpoint: Endpoint,
  body: unknown,
  rawBody: string,
  state: GenerationState,
): { reply: Reply; delivery: Delivery } {
  const normally = (reply: Reply) => ({ reply, delivery: 'normal' as const });
  if (!isRequestBody(body)) {
    return normally(
      invalidParameter(
        null,
        'We could not parse the JSON body of your request. The OpenAI API expects a JSON payload (simulator).',
      ),
    );
  }
  const params = readGenerationParams(
    body,
    endpoint === 'chat' ? ['max_completion_tokens', 'max_tokens'] : ['max_tokens'],
  );
  if (isErrorReply(params)) return normally(params);

  const fault = FAULTS.get(params.model);
  if (fault?.kind === 'error') return normally(fault.reply);
  if (fault?.kind === 'error-once' && !state.refusedOnce.has(rawBody)) {
    state.refusedOnce.add(rawBody);
    return normally(fault.reply);
  }
  if (fault?.kind === 'rejects-parameter' && fault.parameter in body) {
    return normally(unrecognizedParameter(fault.parameter));
  }

  const model = state.models.find(params.model);
  if (!model) return normally(modelNotFound(params.model));
  const style = model.style[endpoint];
  if (!style) {
    const message =
      endpoint === 'chat'
        ? 'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?'
        : 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?';
    return normally(invalidParameter('model', message));
  }

  const delivery: Delivery = fault?.kind === 'drop' || fault?.kind === 'stall' ? fault.kind : 'normal';
  const created = Math.floor(Date.now() / 1000);
  state.replies += 1;
  if (endpoint === 'chat') {
    const input = readChatInput(body);
    if (isErrorReply(input)) return normally(input);
    return { reply: chatReply(params, input, style, `chatcmpl-sim-${state.replies}`, created), delivery };
  }
  const prompt = readPrompt(body);
  if (typeof prompt !== 'string') return normally(prompt);
  return { reply: completionReply(params, prompt, style, `cmpl-sim-${state.replies}`, created), delivery };
}
