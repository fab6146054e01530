/**
 * The playground's state (columns, their parameters and conversations) and every change to it, as a pure reducer: no
 * DOM, so it is unit-tested in Node, and plain JSON, so it is saved with the webview's setState and survives hiding.
 */

import { DEFAULT_COMPLETION_PARAMETERS, DEFAULT_COMPLETION_TEMPLATE } from '../../src/core/connections/buildRequest';
import { MAX_COLUMNS, type LoadedExample, type ReplyEnd } from '../../src/protocol/playground';
import { addVote, type Comparison, type TallyEntry, type Vote } from './comparison';
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

/** `chat`: chat completions. `completion`: the chat rebuilt into a prompt template for a completion model. */
export type ColumnMode = 'chat' | 'completion';

export interface Column {
  id: number;
  connectionId: string;
  model: string;
  mode: ColumnMode;
  /** Completion mode's prompt template; `{question}` is each user message. */
  template: string;
  parameters: ColumnParameters;
  messages: Message[];
}

export interface PlaygroundState {
  version: 1;
  nextId: number;
  columns: Column[];
  /** The unsent text of the input box. */
  draft: string;
  /** Blind compare: with two columns, each exchange is shown in a random order with the models hidden until a vote. */
  blind: boolean;
  /** The comparison of the last exchange, when exactly two columns answered it. */
  comparison?: Comparison | undefined;
  /** Blind votes per model pair. */
  tally: TallyEntry[];
  /** The dataset example being regenerated: its own answer, shown beside the models'. */
  reference?: { source: string; text: string } | undefined;
}

export type Action =
  | { type: 'addColumn' }
  | { type: 'removeColumn'; column: number }
  | { type: 'setModel'; column: number; connectionId: string; model: string }
  | { type: 'setParameters'; column: number; parameters: Partial<ColumnParameters> }
  | { type: 'setDraft'; text: string }
  /**
   * Adds the user message to every column that has a model, and an empty streaming reply after it. `random` in [0, 1)
   * picks the A/B order of a blind comparison (passed in, so the reducer stays pure).
   */
  | { type: 'send'; text: string; random?: number }
  | { type: 'delta'; column: number; text: string }
  | { type: 'usage'; column: number; usage: NonNullable<Reply['usage']> }
  | { type: 'notice'; column: number; text: string }
  | { type: 'end'; column: number; end: ReplyEnd; metrics: ReplyMetrics }
  | { type: 'fail'; column: number; message: string }
  /** Starts the column's last reply again (after an error, a stall or a stop). */
  | { type: 'retry'; column: number }
  | { type: 'clearConversation' }
  | { type: 'setMode'; column: number; mode: ColumnMode }
  | { type: 'setTemplate'; column: number; template: string }
  | { type: 'setBlind'; blind: boolean }
  | { type: 'vote'; vote: Vote }
  | { type: 'preferenceSaved'; savedTo: string }
  /** Every column starts from the example's conversation and regenerates its last answer. */
  | { type: 'loadExample'; example: LoadedExample; random?: number }
  | { type: 'dismissReference' };

export function initialState(): PlaygroundState {
  return { version: 1, nextId: 2, columns: [emptyColumn(1, '', '')], draft: '', blind: false, tally: [] };
}

function emptyColumn(id: number, connectionId: string, model: string, like?: Column): Column {
  const parameters = like?.parameters;
  return {
    id,
    connectionId,
    model,
    mode: like?.mode ?? 'chat',
    template: like?.template ?? DEFAULT_COMPLETION_TEMPLATE,
    parameters: parameters ? { ...parameters, stop: [...parameters.stop] } : { systemPrompt: '', stop: [] },
    messages: [],
  };
}

/** A playground that was never used: one column, no model chosen, nothing said (the default pairing may fill it). */
export function isUntouched(state: PlaygroundState): boolean {
  return state.columns.length === 1 && state.columns[0]!.connectionId === '' && state.columns[0]!.messages.length === 0;
}

/** Two columns side by side, e.g. a base model and its fine-tune. */
export function pairColumns(
  state: PlaygroundState,
  left: { connectionId: string; model: string },
  right: { connectionId: string; model: string },
): PlaygroundState {
  const first = { ...emptyColumn(state.nextId, left.connectionId, left.model) };
  const second = { ...emptyColumn(state.nextId + 1, right.connectionId, right.model) };
  return { ...state, nextId: state.nextId + 2, columns: [first, second], comparison: undefined };
}

export function reduce(state: PlaygroundState, action: Action): PlaygroundState {
  switch (action.type) {
    case 'addColumn': {
      if (state.columns.length >= MAX_COLUMNS) return state;
      const last = state.columns[state.columns.length - 1];
      // A new column starts like the last one (the user usually changes just the model) with its own conversation.
      const column = emptyColumn(state.nextId, last?.connectionId ?? '', last?.model ?? '', last);
      // Blind compare is between two columns: a third ends it.
      return { ...state, nextId: state.nextId + 1, columns: [...state.columns, column], blind: false };
    }
    case 'removeColumn':
      if (state.columns.length <= 1 || isBusy(state)) return state;
      return {
        ...state,
        columns: state.columns.filter((column) => column.id !== action.column),
        blind: false,
        comparison: undefined,
      };
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
      return withComparison({ ...state, draft: '', columns }, action.random);
    }
    case 'loadExample': {
      if (isBusy(state)) return state;
      const { example } = action;
      const history: Message[] = example.turns.map((turn) =>
        turn.role === 'user'
          ? { role: 'user', content: turn.content }
          : { role: 'assistant', reply: { text: turn.content, status: 'done', finishReason: 'stop', notices: [] } },
      );
      const columns = state.columns.map((c) => ({
        ...c,
        parameters: { ...c.parameters, systemPrompt: example.systemPrompt },
        messages: isReady(c) ? [...history, streamingMessage()] : [...history],
      }));
      const reference =
        example.reference === undefined ? undefined : { source: example.source, text: example.reference };
      return withComparison({ ...state, columns, reference }, action.random);
    }
    case 'dismissReference':
      return { ...state, reference: undefined };
    case 'setMode':
      return update(state, action.column, (c) => withMode(c, action.mode));
    case 'setTemplate':
      return update(state, action.column, (c) => ({ ...c, template: action.template }));
    case 'setBlind':
      if (isBusy(state) || (action.blind && state.columns.length !== 2)) return state;
      return { ...state, blind: action.blind, comparison: undefined };
    case 'vote': {
      const comparison = state.comparison;
      if (!comparison || comparison.vote !== undefined || !canVote(state)) return state;
      const [a, b] = comparison.order.map((id) => state.columns.find((c) => c.id === id)!);
      const tally = comparison.blind ? addVote(state.tally, modelKey(a!), modelKey(b!), action.vote) : state.tally;
      return { ...state, tally, comparison: { ...comparison, vote: action.vote } };
    }
    case 'preferenceSaved':
      return state.comparison ? { ...state, comparison: { ...state.comparison, savedTo: action.savedTo } } : state;
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
      return {
        ...state,
        columns: state.columns.map((c) => ({ ...c, messages: [] })),
        comparison: undefined,
        reference: undefined,
      };
  }
}

/** After a send: a comparison when exactly two columns answer, shuffled when blind; none otherwise. */
function withComparison(state: PlaygroundState, random = 0): PlaygroundState {
  const answering = state.columns.filter((c) => streamingReply(c) !== undefined);
  if (state.columns.length !== 2 || answering.length !== 2) return { ...state, comparison: undefined };
  const [first, second] = [answering[0]!.id, answering[1]!.id];
  const order: [number, number] = state.blind && random >= 0.5 ? [second, first] : [first, second];
  return { ...state, comparison: { order, blind: state.blind } };
}

/** Completion mode starts from the legacy flow's settings where the column has none of its own. */
function withMode(column: Column, mode: ColumnMode): Column {
  if (mode === column.mode) return column;
  if (mode === 'chat') return { ...column, mode };
  const p = column.parameters;
  const d = DEFAULT_COMPLETION_PARAMETERS;
  return {
    ...column,
    mode,
    parameters: {
      ...p,
      temperature: p.temperature ?? d.temperature,
      topP: p.topP ?? d.topP,
      maxTokens: p.maxTokens ?? d.maxTokens,
      stop: p.stop.length > 0 ? p.stop : [...(d.stop ?? [])],
    },
  };
}

/** How a model is named in the tally: its connection and id. */
export function modelKey(column: Column): string {
  return `${column.connectionId}/${column.model.trim()}`;
}

/** Both compared replies have ended with text, so they can be judged. */
export function canVote(state: PlaygroundState): boolean {
  const comparison = state.comparison;
  if (!comparison) return false;
  return comparison.order.every((id) => {
    const last = state.columns.find((c) => c.id === id)?.messages.at(-1);
    return last?.role === 'assistant' && ['done', 'incomplete'].includes(last.reply.status) && last.reply.text !== '';
  });
}

/** Whether model names are hidden now: blind, and not voted on yet. */
export function namesHidden(state: PlaygroundState): boolean {
  return state.comparison?.blind === true && state.comparison.vote === undefined;
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
    // Fields added after the first version of the saved state.
    blind: state.blind ?? false,
    tally: state.tally ?? [],
    columns: state.columns.map((column) => ({
      ...column,
      mode: column.mode ?? 'chat',
      template: column.template ?? DEFAULT_COMPLETION_TEMPLATE,
      messages: column.messages.map((message) =>
        message.role === 'assistant' && message.reply.status === 'streaming'
          ? { role: 'assistant', reply: { ...message.reply, status: 'stopped' } }
          : message,
      ),
    })),
  };
}
