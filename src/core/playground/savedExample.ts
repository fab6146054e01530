import { getLocation } from 'jsonc-parser';
import { FORMAT_LABELS, type DatasetFormat } from '../format/datasetFormat';
import type { OtherFormat } from '../format/otherFormat';
import type { Problem } from '../problem';
import type { ConversationTurn } from './exampleConversation';
import { analyzeLine } from '../validation/lineAnalysis';
import { applySeverities, type SeverityOverrides } from '../validation/severity';

/** A conversation ending with the assistant reply to keep. */
export interface ChatToSave {
  readonly kind: 'chat';
  readonly systemPrompt: string;
  readonly turns: readonly ConversationTurn[];
}

/** A conversation up to the last user message, and the better and the worse reply to it. */
export interface PreferenceToSave {
  readonly kind: 'preference';
  readonly systemPrompt: string;
  readonly turns: readonly ConversationTurn[];
  readonly preferred: string;
  readonly nonPreferred: string;
}

/** What the playground saves (the protocol's SaveExampleParams, which the core cannot import). */
export type ExampleToSave = ChatToSave | PreferenceToSave;

/** A message of OpenAI's fine-tuning formats, as the playground writes them (text content only). */
export interface ExampleMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** OpenAI's chat (supervised fine-tuning) example. */
export interface ChatExample {
  readonly messages: ExampleMessage[];
}

/** OpenAI's preference (DPO) example: the input conversation, then one better and one worse assistant reply. */
export interface PreferenceExample {
  readonly input: { readonly messages: ExampleMessage[] };
  readonly preferred_output: [ExampleMessage];
  readonly non_preferred_output: [ExampleMessage];
}

/** Something wrong with saving an example to a file: an error stops the save, a warning is reported with it. */
export interface SaveProblem {
  /** The validation core's code (`ft.*`), or `save.*` for what only a save checks. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The file an example is about to be appended to. */
export interface SaveTarget {
  /** The file's name, for messages. */
  readonly fileName: string;
  /** Its format, forced by the settings or detected from its lines; undefined for a new, empty or unclear file. */
  readonly format: DatasetFormat | undefined;
  /** Another tool's layout the file is in, if detection found one. */
  readonly other?: OtherFormat | undefined;
}

/** The format each kind of saved example is written in. */
export const SAVED_FORMAT: Readonly<Record<ExampleToSave['kind'], DatasetFormat>> = {
  chat: 'chat',
  preference: 'preference',
};

/** The dataset example for a saved conversation; the system prompt is left out when blank. */
export function exampleFromSave(example: ChatToSave): ChatExample;
export function exampleFromSave(example: PreferenceToSave): PreferenceExample;
export function exampleFromSave(example: ExampleToSave): ChatExample | PreferenceExample;
export function exampleFromSave(example: ExampleToSave): ChatExample | PreferenceExample {
  const messages = conversationMessages(example);
  if (example.kind === 'chat') return { messages };
  return {
    input: { messages },
    preferred_output: [{ role: 'assistant', content: example.preferred }],
    non_preferred_output: [{ role: 'assistant', content: example.nonPreferred }],
  };
}

/**
 * The example as one JSONL line, without its line break. JSON.stringify leaves U+2028 and U+2029 unescaped; they are
 * escaped too, since editors (VS Code offers to remove them) and some readers take them for line breaks.
 */
export function exampleLine(example: ExampleToSave): string {
  return JSON.stringify(exampleFromSave(example)).replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/**
 * Checks an example before it is appended to `target`: it must be of the file's format, have the shape its kind
 * promises, and pass the validation core's line checks (with the user's severity settings). Only errors and
 * warnings are returned, errors first; each message says which part of the example it is about.
 */
export function checkSavedExample(
  example: ExampleToSave,
  target: SaveTarget,
  severities: SeverityOverrides = {},
): SaveProblem[] {
  const mismatch = formatMismatch(example.kind, target);
  if (mismatch !== undefined) return [mismatch];
  const problems = shapeProblems(example);
  const line = exampleLine(example);
  const analysis = analyzeLine(line, 0, SAVED_FORMAT[example.kind]);
  for (const problem of applySeverities(analysis.problems, severities)) {
    if (problem.severity !== 'error' && problem.severity !== 'warning') continue;
    problems.push({ code: problem.code, severity: problem.severity, message: describe(problem, line, example) });
  }
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

function conversationMessages(example: ExampleToSave): ExampleMessage[] {
  const messages: ExampleMessage[] = [];
  if (example.systemPrompt.trim() !== '') messages.push({ role: 'system', content: example.systemPrompt });
  for (const turn of example.turns) messages.push({ role: turn.role, content: turn.content });
  return messages;
}

/** Why the file cannot take this kind of example: another format, or another tool's layout. */
function formatMismatch(kind: ExampleToSave['kind'], target: SaveTarget): SaveProblem | undefined {
  const noun = kind === 'chat' ? 'A chat example' : 'A preference (DPO) example';
  if (target.other !== undefined) {
    return {
      code: 'ft.other-format',
      severity: 'error',
      message: `${target.fileName} is in another tool's layout, ${target.other.label}. ${noun} does not belong there: convert the file first, or pick another one.`,
    };
  }
  if (target.format === undefined || target.format === SAVED_FORMAT[kind]) return undefined;
  return {
    code: 'ft.mixed-formats',
    severity: 'error',
    message: `${target.fileName} holds ${FORMAT_LABELS[target.format]} examples. ${noun} does not belong there: pick a ${FORMAT_LABELS[SAVED_FORMAT[kind]]} file or a new one.`,
  };
}

/** What the kind promises about the turns: a chat example ends with its reply, a preference input with a question. */
function shapeProblems(example: ExampleToSave): SaveProblem[] {
  const last = example.turns[example.turns.length - 1];
  if (example.kind === 'chat' && last?.role !== 'assistant') {
    return [
      { code: 'save.no-reply', severity: 'error', message: 'The conversation does not end with a reply to save.' },
    ];
  }
  if (example.kind === 'preference' && last?.role !== 'user') {
    const message = 'A preference example needs the conversation to end with the user message both replies answer.';
    return [{ code: 'save.no-prompt', severity: 'error', message }];
  }
  return [];
}

/** The problem's message, prefixed with the part of the example it is about when it is about one. */
function describe(problem: Problem, line: string, example: ExampleToSave): string {
  const path = getLocation(line, problem.range.start.character).path;
  const part = partOf(path, example);
  return part === undefined ? problem.message : `${part}: ${problem.message}`;
}

function partOf(path: readonly (string | number)[], example: ExampleToSave): string | undefined {
  if (path[0] === 'preferred_output') return 'The preferred reply';
  if (path[0] === 'non_preferred_output') return 'The other reply';
  const index = path[0] === 'messages' ? path[1] : path[0] === 'input' && path[1] === 'messages' ? path[2] : undefined;
  if (typeof index !== 'number') return undefined;
  const hasSystem = example.systemPrompt.trim() !== '';
  if (hasSystem && index === 0) return 'The system prompt';
  const turn = index - (hasSystem ? 1 : 0);
  const role = example.turns[turn]?.role;
  if (role === undefined) return undefined;
  if (example.kind === 'chat' && turn === example.turns.length - 1) return 'The reply';
  return `Turn ${turn + 1} (${role})`;
}
