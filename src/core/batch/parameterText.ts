/**
 * The one-line text a batch run's parameters are typed as, per model, in VS Code and on the command line:
 * `temperature=0.7 top_p=0.9 max_tokens=300 seed=7 presence_penalty=0.5 stop="\n\n" stop=END`. Names are the
 * API's; an empty text sets nothing (the server's defaults). Pure.
 */

import type { SamplingParameters } from '../connections/buildRequest';

/** What a numeric parameter accepts; `expected` says it in words for messages. */
export interface NumberRange {
  /** Whole numbers only. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly expected: string;
}

type NumericParameter = Exclude<keyof SamplingParameters, 'stop'>;

/** The playground's ranges, the one home for the extension's boxes and the CLI's options. */
export const SAMPLING_RANGES: Readonly<Record<NumericParameter, NumberRange>> = {
  temperature: { min: 0, max: 2, expected: 'a number from 0 to 2' },
  topP: { min: 0, max: 1, expected: 'a number from 0 to 1' },
  maxTokens: { integer: true, min: 1, expected: 'a whole number of at least 1' },
  seed: { integer: true, expected: 'a whole number' },
  presencePenalty: { min: -2, max: 2, expected: 'a number from -2 to 2' },
  frequencyPenalty: { min: -2, max: 2, expected: 'a number from -2 to 2' },
};

/** OpenAI takes at most four stop sequences. */
export const MAX_STOP_SEQUENCES = 4;

/** The names as typed (the API's), in the order the text is written, with the field each sets. */
const FIELDS = [
  ['temperature', 'temperature'],
  ['top_p', 'topP'],
  ['max_tokens', 'maxTokens'],
  ['seed', 'seed'],
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
  ['stop', 'stop'],
] as const satisfies readonly (readonly [string, keyof SamplingParameters])[];

type ParameterName = (typeof FIELDS)[number][0];

export const PARAMETER_NAMES: readonly ParameterName[] = FIELDS.map(([name]) => name);

/** Every name with what it takes, for a prompt: "temperature 0 to 2, top_p 0 to 1, max_tokens ≥ 1, seed, …". */
export const PARAMETER_SUMMARY = FIELDS.map(([name, key]) => {
  if (key === 'stop') return `${name} (up to ${MAX_STOP_SEQUENCES})`;
  const { min, max } = SAMPLING_RANGES[key];
  if (min !== undefined && max !== undefined) return `${name} ${min} to ${max}`;
  return min === undefined ? name : `${name} ≥ ${min}`;
}).join(', ');

export type ParameterTextResult =
  { readonly ok: true; readonly parameters: SamplingParameters } | { readonly ok: false; readonly message: string };

// JSON's number syntax, with an optional sign and dot-ended or dot-started decimals: no hex, no trailing letters.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// A stop sequence that needs no quotes: nothing the word splitting or the quoting itself reads.
const PLAIN_WORD = /^[^\s"\\]+$/;

/** The parameters a text sets, or a message naming the word that is wrong and what it should be. */
export function parseParameterText(text: string): ParameterTextResult {
  const words = splitWords(text);
  if (!Array.isArray(words)) return { ok: false, message: words.message };
  const parameters: SamplingParameters = {};
  const stop: string[] = [];
  const seen = new Set<string>();
  for (const { name: typed, value } of words) {
    const field = FIELDS.find(([name]) => name === typed.replace(/-/g, '_'));
    if (field === undefined) {
      return { ok: false, message: `Unknown parameter “${typed}”; the known ones are ${PARAMETER_NAMES.join(', ')}.` };
    }
    const [name, key] = field;
    if (key === 'stop') {
      if (value === '') return { ok: false, message: 'stop must not be empty.' };
      if (stop.length === MAX_STOP_SEQUENCES) {
        return { ok: false, message: `stop can be given at most ${MAX_STOP_SEQUENCES} times.` };
      }
      stop.push(value);
      continue;
    }
    if (seen.has(name)) return { ok: false, message: `${name} is given twice.` };
    seen.add(name);
    const range = SAMPLING_RANGES[key];
    const number = NUMBER.test(value) ? Number(value) : Number.NaN;
    if (!isWithin(range, number)) {
      const shown = /^\S+$/.test(value) ? value : JSON.stringify(value);
      return { ok: false, message: `${name} must be ${range.expected}, not ${shown}.` };
    }
    parameters[key] = number === 0 ? 0 : number; // -0 is 0
  }
  if (stop.length > 0) parameters.stop = stop;
  return { ok: true, parameters };
}

/** What is wrong with a text, or undefined when it reads (as an input box's live check). */
export function parameterTextProblem(text: string): string | undefined {
  const result = parseParameterText(text);
  return result.ok ? undefined : result.message;
}

/** The text that reads back as these parameters: the empty text for none. */
export function formatParameterText(parameters: SamplingParameters): string {
  const words: string[] = [];
  for (const [name, key] of FIELDS) {
    if (key === 'stop') {
      for (const sequence of parameters.stop ?? []) {
        words.push(`stop=${PLAIN_WORD.test(sequence) ? sequence : JSON.stringify(sequence)}`);
      }
    } else {
      const value = parameters[key];
      if (value !== undefined) words.push(`${name}=${String(value)}`);
    }
  }
  return words.join(' ');
}

/** Whether a number is one the range accepts (NaN never is). */
function isWithin(range: NumberRange, value: number): boolean {
  return (
    (range.integer === true ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max)
  );
}

interface Word {
  readonly name: string;
  readonly value: string;
}

/** `name=value` words split on white space; a value in double quotes is a JSON string and may hold anything. */
function splitWords(text: string): Word[] | { message: string } {
  const words: Word[] = [];
  let at = 0;
  const isSpace = (index: number) => index >= text.length || /\s/.test(text[index]!);
  for (;;) {
    while (at < text.length && isSpace(at)) at++;
    if (at === text.length) return words;
    const start = at;
    while (!isSpace(at) && text[at] !== '=') at++;
    const name = text.slice(start, at);
    if (text[at] !== '=') return { message: `“${name}” needs a value, as in ${name}=…` };
    if (name === '') return { message: 'A value needs a name before its “=”, as in temperature=0.7.' };
    at++;
    if (text[at] !== '"') {
      const valueStart = at;
      while (!isSpace(at)) at++;
      if (at === valueStart) return { message: `${name} needs a value after its “=”.` };
      words.push({ name, value: text.slice(valueStart, at) });
      continue;
    }
    const quoted = quotedEnd(text, at);
    const value = quoted === undefined ? undefined : jsonString(text.slice(at, quoted));
    if (quoted === undefined || value === undefined) {
      return { message: `The quoted value of ${name} is not a closed JSON string (escapes: \\n, \\t, \\", \\\\).` };
    }
    at = quoted;
    if (!isSpace(at)) return { message: `Put a space after the quoted value of ${name}.` };
    words.push({ name, value });
  }
}

/** The index just past the closing quote of the string opening at `open`, or undefined when it is not closed. */
function quotedEnd(text: string, open: number): number | undefined {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at + 1;
  }
  return undefined;
}

function jsonString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
