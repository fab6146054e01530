// What a column's conversation becomes outside the page: the request for its next reply, the code View code shows,
// and the examples Save to dataset appends. Pure, so it is unit-tested in Node.
import type { ChatParams, PlaygroundTurn, SaveExampleParams } from '../../src/protocol/playground';
import { preferenceExample } from './comparison';
import type { Column, Message, PlaygroundState } from './state';

/** The preference example of the vote (A or B better), or undefined for a tie, both bad or no vote. */
export function votedPreference(state: PlaygroundState): SaveExampleParams | undefined {
  const comparison = state.comparison;
  if (comparison?.vote !== 'a' && comparison?.vote !== 'b') return undefined;
  const [a, b] = comparison.order.map((id) => state.columns.find((c) => c.id === id));
  if (!a || !b) return undefined;
  const [winner, loser] = comparison.vote === 'a' ? [a, b] : [b, a];
  const winnerReply = winner.messages.at(-1);
  const loserReply = loser.messages.at(-1);
  if (winnerReply?.role !== 'assistant' || loserReply?.role !== 'assistant') return undefined;
  const context = conversationTurns(winner.messages.slice(0, -1));
  return preferenceExample(
    { systemPrompt: winner.mode === 'chat' ? winner.parameters.systemPrompt : '', turns: context },
    winnerReply.reply.text,
    loserReply.reply.text,
  );
}

/**
 * The chat example Save to dataset appends: the column's conversation up to the reply at `index` (a message index),
 * with that reply's text replaced by `text` (the user may edit it first).
 */
export function chatExample(column: Column, index: number, text: string): SaveExampleParams {
  const turns = conversationTurns(column.messages.slice(0, index));
  turns.push({ role: 'assistant', content: text });
  return { kind: 'chat', systemPrompt: column.mode === 'chat' ? column.parameters.systemPrompt : '', turns };
}

/** The turns a model saw: user messages, and replies that produced text and were not errors. */
function conversationTurns(messages: readonly Message[]): PlaygroundTurn[] {
  const turns: PlaygroundTurn[] = [];
  for (const message of messages) {
    if (message.role === 'user') turns.push({ role: 'user', content: message.content });
    else if (message.reply.status !== 'error' && message.reply.text !== '')
      turns.push({ role: 'assistant', content: message.reply.text });
  }
  return turns;
}

/**
 * The request for the column's pending reply: the conversation before it, where only replies that produced text and
 * were not errors count as assistant turns (a failed reply is not something the model said).
 */
export function chatParams(column: Column): ChatParams {
  return requestParams(column, conversationTurns(column.messages.slice(0, -1)));
}

/**
 * The request View code shows: the column's conversation, then the unsent draft as the next message; without a draft,
 * the request of the column's last reply; with neither, a greeting stands in for the first message.
 */
export function codeParams(column: Column, draft: string): ChatParams {
  const last = column.messages.at(-1);
  const history = last?.role === 'assistant' ? column.messages.slice(0, -1) : column.messages;
  const turns = conversationTurns(draft.trim() !== '' ? column.messages : history);
  if (draft.trim() !== '') turns.push({ role: 'user', content: draft });
  else if (turns.at(-1)?.role !== 'user') turns.push({ role: 'user', content: 'Hello!' });
  return requestParams(column, turns);
}

function requestParams(column: Column, turns: PlaygroundTurn[]): ChatParams {
  const p = column.parameters;
  return {
    connectionId: column.connectionId,
    model: column.model.trim(),
    systemPrompt: p.systemPrompt,
    turns,
    parameters: {
      temperature: p.temperature,
      topP: p.topP,
      maxTokens: p.maxTokens,
      stop: p.stop.length > 0 ? p.stop : undefined,
      seed: p.seed,
      presencePenalty: p.presencePenalty,
      frequencyPenalty: p.frequencyPenalty,
    },
    completion: column.mode === 'completion' ? { template: column.template } : undefined,
  };
}
