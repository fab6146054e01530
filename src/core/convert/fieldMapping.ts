import { chatLine, trainingProblem } from './chatMessages';
import { isObject } from '../jsonl/jsonObject';
import type { RecordConverter } from './jsonlConversion';
import type { ChatMessage, FieldMapping } from './model';

/** The value at a dot path (`a.b.0.c`; numeric segments index lists), or undefined. */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Text at a path: strings as they are, numbers and booleans written out; anything else is not text. */
function textAt(value: unknown, path: string): string | undefined {
  const found = valueAtPath(value, path);
  if (typeof found === 'string') return found;
  if (typeof found === 'number' || typeof found === 'boolean') return String(found);
  return undefined;
}

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]+)\}/g;

/** Whether a field of a {@link FieldMapping} is a template (`{instruction}\n\n{input}`) rather than one dot path. */
export function isFieldTemplate(field: string): boolean {
  for (const match of field.matchAll(PLACEHOLDER)) if (match[1] !== undefined) return true;
  return false;
}

/**
 * The text a mapping field gives for a record: the text at a dot path, or a template with `{dot.path}` placeholders
 * filled in (`{{` and `}}` are literal braces). A placeholder without text is empty, and the whitespace it leaves at
 * the start or end is dropped (Alpaca's empty `input`); undefined when no placeholder has text.
 */
export function fieldText(value: unknown, field: string): string | undefined {
  if (!isFieldTemplate(field)) return textAt(value, field);
  let found = false;
  let missing = false;
  const text = field.replace(PLACEHOLDER, (match, path: string | undefined) => {
    if (path === undefined) return match[0]!;
    const part = textAt(value, path.trim());
    if (part === undefined || part === '') missing = true;
    else found = true;
    return part ?? '';
  });
  if (!found) return undefined;
  return missing ? text.trim() : text;
}

/** Why a record has no text for a mapping field. */
function noText(field: string): string {
  return isFieldTemplate(field) ? `no text for any field of the template "${field}"` : `no text at "${field}"`;
}

/**
 * JSON Lines with any shape → OpenAI chat through an explicit field mapping; each field is a dot path or a template
 * that joins several (see {@link fieldText}).
 */
export function mappedToChat(mapping: FieldMapping): RecordConverter {
  return (value) => {
    const user = fieldText(value, mapping.userField);
    if (user === undefined) return { skip: noText(mapping.userField) };
    const assistant = fieldText(value, mapping.assistantField);
    if (assistant === undefined) return { skip: noText(mapping.assistantField) };
    const messages: ChatMessage[] = [];
    if (mapping.systemField !== undefined) {
      const system = fieldText(value, mapping.systemField);
      if (system !== undefined && system.trim() !== '') messages.push({ role: 'system', content: system });
    }
    messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
    const problem = trainingProblem(messages);
    return problem === undefined ? chatLine(messages) : { skip: problem };
  };
}

/** A text field found in sample objects. */
export interface FieldCandidate {
  /** Dot path, usable in a {@link FieldMapping}. */
  readonly path: string;
  /** Share of the samples that have text here, 0–1. */
  readonly presence: number;
  /** Mean length in characters where present. */
  readonly averageLength: number;
  /** The first value seen, cut to 80 characters, for a picker's description. */
  readonly example: string;
}

/** The text fields of sample objects, and a guessed mapping the user can confirm or change. */
export interface FieldMappingGuess {
  /** Most common first, then longest. */
  readonly candidates: readonly FieldCandidate[];
  readonly suggested: Partial<FieldMapping>;
}

const USER_NAMES = [
  'question',
  'prompt',
  'query',
  'input',
  'instruction',
  'user',
  'human',
  'request',
  'customer',
  'text',
  'context',
];
const ASSISTANT_NAMES = [
  'answer',
  'response',
  'output',
  'completion',
  'reply',
  'assistant',
  'gpt',
  'target',
  'agent',
  'label',
];
const SYSTEM_NAMES = ['system', 'system_prompt', 'systemprompt', 'persona'];
const MAX_DEPTH = 4;

function collectTextPaths(
  value: unknown,
  prefix: string,
  depth: number,
  found: Map<string, { count: number; length: number; example: string }>,
): void {
  if (typeof value === 'string') {
    const entry = found.get(prefix) ?? { count: 0, length: 0, example: value.slice(0, 80) };
    entry.count++;
    entry.length += value.length;
    found.set(prefix, entry);
    return;
  }
  if (depth >= MAX_DEPTH) return;
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value))
      collectTextPaths(child, prefix === '' ? key : `${prefix}.${key}`, depth + 1, found);
  } else if (Array.isArray(value)) {
    // The first two items show the shape of a list without walking all of it.
    value
      .slice(0, 2)
      .forEach((child, index) =>
        collectTextPaths(child, prefix === '' ? String(index) : `${prefix}.${index}`, depth + 1, found),
      );
  }
}

/**
 * How well a path's names match hint names (lower is better, Infinity for no match): the last segment counts most,
 * then its parents (`reply.text` is an answer), exact names before names that merely contain a hint.
 */
function hintRank(path: string, names: readonly string[]): number {
  const segments = path.toLowerCase().split('.').reverse();
  let best = Infinity;
  segments.forEach((segment, depth) => {
    const exact = names.indexOf(segment);
    const partial = names.findIndex((name) => segment.includes(name));
    if (exact !== -1) best = Math.min(best, depth * 100 + exact);
    else if (partial !== -1) best = Math.min(best, depth * 100 + 50 + partial);
  });
  return best;
}

function bestMatch(
  candidates: readonly FieldCandidate[],
  names: readonly string[],
  taken: ReadonlySet<string>,
): string | undefined {
  let best: string | undefined;
  let bestRank = Infinity;
  for (const candidate of candidates) {
    const rank = hintRank(candidate.path, names);
    if (rank < bestRank && !taken.has(candidate.path)) {
      best = candidate.path;
      bestRank = rank;
    }
  }
  return best;
}

/** Finds the text fields of sample JSON objects and guesses which hold the user, assistant and system text. */
export function inferFieldMapping(sampleObjects: readonly unknown[]): FieldMappingGuess {
  const found = new Map<string, { count: number; length: number; example: string }>();
  for (const sample of sampleObjects) collectTextPaths(sample, '', 0, found);
  const total = Math.max(1, sampleObjects.length);
  const candidates = [...found]
    .map(([path, entry]) => ({
      path,
      presence: entry.count / total,
      averageLength: entry.length / entry.count,
      example: entry.example,
    }))
    .sort((a, b) => b.presence - a.presence || b.averageLength - a.averageLength);
  const taken = new Set<string>();
  const assistantField = bestMatch(candidates, ASSISTANT_NAMES, taken);
  if (assistantField !== undefined) taken.add(assistantField);
  const userField = bestMatch(candidates, USER_NAMES, taken);
  if (userField !== undefined) taken.add(userField);
  const systemField = bestMatch(candidates, SYSTEM_NAMES, taken);
  const suggested: { userField?: string; assistantField?: string; systemField?: string } = {};
  if (userField !== undefined) suggested.userField = userField;
  if (assistantField !== undefined) suggested.assistantField = assistantField;
  if (systemField !== undefined) suggested.systemField = systemField;
  return { candidates, suggested };
}
