/**
 * The playground's state (columns, their parameters and conversations) and every change to it, as a pure reducer: no
 * DOM, so it is unit-tested in Node, and plain JSON, so it is saved with the webview's setState and survives hiding.
 */

import { MAX_COLUMNS, type ChatParams, type PlaygroundTurn, type ReplyEnd } from '../../src/protocol/playground';
import type { ReplyMetrics } from './metrics';

/** One column's sampling settings; undefined means "not set" (the server's default). */
export interface ColumnParameters {
  systemPrompt: string;
  temperature?: number | undefined;
  topP?: number | undefined;
  maxTokens?: number | undefined;
  stop: string[];
  seed?: number | undefined;
  presencePenalty?: number | undefined;
  frequencyPenalty?: number | undefined;
}

export type ReplyStatus =
  /** Text is arriving. */
  | 'streaming'
  /** Ended with a finish reason. */
  | 'done'
  /** Ended without a finish reason: the server closed the stream early. */
  | 'incomplete'
  /** No chunk arrived for too long. */
  | 'stalled'
  /** The user pressed Stop (or the page was hidden while it streamed). */
  | 'stopped'
  | 'error';

export interface Reply {
  text: string;
  status: ReplyStatus;
  finishReason?: string;
  error?: string;
  notices: string[];
  usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
  metrics?: ReplyMetrics;
}

export type Message = { role: 'user'; content: string } | { role: 'assistant'; reply: Reply };

export interface Column {
  id: number;
  connectionId: string;
  model: string;
  parameters: ColumnParameters;
  messages: Message[];
}

export interface PlaygroundState {
  version: 1;
  nextId: number;
  columns: Column[];
  /** The unsent text of the input box. */
  draft: string;
}

export type Action =
  | { type: 'addColumn' }
  | { type: 'removeColumn'; column: number }
  | { type: 'setModel'; column: number; connectionId: string; model: string }
  | { type: 'setParameters'; column: number; parameters: Partial<ColumnParameters> }
  | { type: 'setDraft'; text: string }
  /** Adds the user message to every column that has a model, and an empty streaming reply after it. */
  | { type: 'send'; text: string }
  | { type: 'delta'; column: number; text: string }
  | { type: 'usage'; column: number; usage: NonNullable<Reply['usage']> }
  | { type: 'notice'; column: number; text: string }
  | { type: 'end'; column: number; end: ReplyEnd; metrics: ReplyMetrics }
  | { type: 'fail'; column: number; message: string }
  /** Starts the column's last reply again (after an error, a stall or a stop). */
  | { type: 'retry'; column: number }
  | { type: 'clearConversation' };

export function initialState(): PlaygroundState {
  return { version: 1, nextId: 2, columns: [emptyColumn(1, '', '')], draft: '' };
}

function emptyColumn(id: number, connectionId: string, model: string, parameters?: ColumnParameters): Column {
  return {
    id,
    connectionId,
    model,
    parameters: parameters ? { ...parameters, stop: [...parameters.stop] } : { systemPrompt: '', stop: [] },
    messages: [],
  };
}

export function reduce(state: PlaygroundState, action: Action): PlaygroundState {
  switch (action.type) {
    case 'addColumn': {
      if (state.columns.length >= MAX_COLUMNS) return state;
      const last = state.columns[state.columns.length - 1];
      // A new column starts like the last one (the user usually changes just the model) with its own conversation.
      const column = emptyColumn(state.nextId, last?.connectionId ?? '', last?.model ?? '', last?.parameters);
      return { ...state, nextId: state.nextId + 1, columns: [...state.columns, column] };
    }
    case 'removeColumn':
      if (state.columns.length <= 1) return state;
      return { ...state, columns: state.columns.filter((column) => column.id !== action.column) };
    case 'setModel':
      return update(state, action.column, (c) => ({ ...c, connectionId: action.connectionId, model: action.model }));
    case 'setParameters':
      return update(state, action.column, (c) => ({ ...c, parameters: { ...c.parameters, ...action.parameters } }));
    case 'setDraft':
      return { ...state, draft: action.text };
    case 'send': {
      if (action.text.trim() === '' || isBusy(state)) return state;
      const columns = state.columns.map((c) =>
        isReady(c)
          ? { ...c, messages: [...c.messages, { role: 'user' as const, content: action.text }, streamingMessage()] }
          : c,
      );
      return { ...state, draft: '', columns };
    }
    case 'delta':
      return updateReply(state, action.column, (r) => ({ ...r, text: r.text + action.text }));
    case 'usage':
      return updateReply(state, action.column, (r) => ({ ...r, usage: action.usage }));
    case 'notice':
      return updateReply(state, action.column, (r) => ({ ...r, notices: [...r.notices, action.text] }));
    case 'end':
      return updateReply(state, action.column, (r) => ended(r, action.end, action.metrics));
    case 'fail':
      return updateReply(state, action.column, (r) => ({ ...r, status: 'error', error: action.message }));
    case 'retry':
      return update(state, action.column, (c) => {
        const last = c.messages[c.messages.length - 1];
        if (last?.role !== 'assistant' || last.reply.status === 'streaming' || !isReady(c)) return c;
        return { ...c, messages: [...c.messages.slice(0, -1), streamingMessage()] };
      });
    case 'clearConversation':
      if (isBusy(state)) return state;
      return { ...state, columns: state.columns.map((c) => ({ ...c, messages: [] })) };
  }
}

function ended(reply: Reply, end: ReplyEnd, metrics: ReplyMetrics): Reply {
  if (reply.status !== 'streaming') return reply;
  const next: Reply = { ...reply, metrics };
  if (end.ended === 'stalled') {
    next.status = 'stalled';
    next.notices = [...reply.notices, `No data for ${Math.round(end.afterMs / 1000)} s: the reply was stopped.`];
  } else if (end.ended === 'aborted') next.status = 'stopped';
  else if (end.finishReason === undefined) next.status = 'incomplete';
  else {
    next.status = 'done';
    next.finishReason = end.finishReason;
  }
  return next;
}

function streamingMessage(): Message {
  return { role: 'assistant', reply: { text: '', status: 'streaming', notices: [] } };
}

function update(state: PlaygroundState, id: number, change: (column: Column) => Column): PlaygroundState {
  return { ...state, columns: state.columns.map((column) => (column.id === id ? change(column) : column)) };
}

/** Changes the column's last reply while it streams; a late chunk for a finished reply is ignored. */
function updateReply(state: PlaygroundState, id: number, change: (reply: Reply) => Reply): PlaygroundState {
  return update(state, id, (column) => {
    const last = column.messages[column.messages.length - 1];
    if (last?.role !== 'assistant' || last.reply.status !== 'streaming') return column;
    return { ...column, messages: [...column.messages.slice(0, -1), { role: 'assistant', reply: change(last.reply) }] };
  });
}

/** A column can take a message when it has a model and its last reply is not still arriving. */
export function isReady(column: Column): boolean {
  return column.connectionId !== '' && column.model.trim() !== '';
}

/** Whether any reply is still arriving (a new message waits until all have ended, or Stop). */
export function isBusy(state: PlaygroundState): boolean {
  return state.columns.some((column) => streamingReply(column) !== undefined);
}

/** The column's reply that is arriving now, if any. */
export function streamingReply(column: Column): Reply | undefined {
  const last = column.messages[column.messages.length - 1];
  return last?.role === 'assistant' && last.reply.status === 'streaming' ? last.reply : undefined;
}

/**
 * The request for the column's pending reply: the conversation before it, where only replies that produced text and
 * were not errors count as assistant turns (a failed reply is not something the model said).
 */
export function chatParams(column: Column): ChatParams {
  const turns: PlaygroundTurn[] = [];
  for (const message of column.messages.slice(0, -1)) {
    if (message.role === 'user') turns.push({ role: 'user', content: message.content });
    else if (message.reply.status !== 'error' && message.reply.text !== '')
      turns.push({ role: 'assistant', content: message.reply.text });
  }
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
  };
}

/**
 * The state saved before the page was hidden, made safe to show again: a reply that was streaming when the page went
 * away can no longer receive its chunks, so it is marked stopped (Retry starts it again). Anything that is not a
 * saved state of this version starts fresh.
 */
export function restoreState(saved: unknown): PlaygroundState {
  if (typeof saved !== 'object' || saved === null || (saved as { version?: unknown }).version !== 1)
    return initialState();
  const state = saved as PlaygroundState;
  return {
    ...state,
    columns: state.columns.map((column) => ({
      ...column,
      messages: column.messages.map((message) =>
        message.role === 'assistant' && message.reply.status === 'streaming'
          ? { role: 'assistant', reply: { ...message.reply, status: 'stopped' } }
          : message,
      ),
    })),
  };
}
