/**
 * The Conversations view's search and filters, compiled once into a predicate over one line and its known facts.
 * Problem and token conditions run first because they need no parsing; the line is parsed only when a condition
 * looks inside the example (search text, role, tools, images, system message).
 */
import type { Severity } from '../problem';
import type { DiagnosticCode } from '../validation/codes';
import { exampleFacts, exampleView, type ExampleFacts } from './exampleView';

/** What the user asked for. An absent (or empty) field is no condition. */
export interface ExampleFilter {
  readonly text?: string;
  readonly regex?: boolean;
  readonly caseSensitive?: boolean;
  /** `any`: has a problem; `errors`: has a problem of severity error; `none`: has no problem at all. */
  readonly problems?: 'any' | 'errors' | 'none';
  /** Has a problem with any of these codes. */
  readonly codes?: readonly string[];
  /** Has a message with this role. */
  readonly role?: string;
  /** true: must have; false: must not have. */
  readonly hasTools?: boolean;
  readonly hasImages?: boolean;
  readonly missingSystem?: boolean;
  /** Inclusive; an example without a count fails a token bound. */
  readonly minTokens?: number;
  readonly maxTokens?: number;
  /** true: is a duplicate (has `ft.duplicate-example`); false: is not. */
  readonly duplicates?: boolean;
}

/** One line and what the host already knows about it. */
export interface FilterInput {
  readonly lineText: string;
  readonly problems: readonly { readonly code: string; readonly severity: Severity }[];
  readonly tokens: number | undefined;
}

export type CompiledFilter =
  | {
      readonly ok: true;
      /** No condition at all: every line matches. */
      readonly empty: boolean;
      test(input: FilterInput): boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** Longer regular expressions are refused: they are almost surely pasted by mistake and may be slow to run. */
export const MAX_PATTERN_LENGTH = 1000;

const DUPLICATE_CODE: DiagnosticCode = 'ft.duplicate-example';

type Check = (input: FilterInput) => boolean;
type FactsCheck = (facts: ExampleFacts) => boolean;

/** True when the filter has no condition, so every line (blank ones too) matches. */
export function isEmptyFilter(filter: ExampleFilter): boolean {
  return (
    !filter.text &&
    filter.problems === undefined &&
    (filter.codes === undefined || filter.codes.length === 0) &&
    !filter.role &&
    filter.hasTools === undefined &&
    filter.hasImages === undefined &&
    filter.missingSystem === undefined &&
    filter.minTokens === undefined &&
    filter.maxTokens === undefined &&
    filter.duplicates === undefined
  );
}

/** Compiles a filter, or says why it cannot (an invalid or too long regular expression). */
export function compileFilter(filter: ExampleFilter): CompiledFilter {
  if (isEmptyFilter(filter)) return { ok: true, empty: true, test: () => true };
  const search = filter.text
    ? searchPattern(filter.text, filter.regex === true, filter.caseSensitive === true)
    : undefined;
  if (search && !search.ok) return search;

  const cheap = cheapChecks(filter);
  const deep = factsChecks(filter, search?.pattern);
  return {
    ok: true,
    empty: false,
    test(input) {
      if (!cheap.every((check) => check(input))) return false;
      if (deep.length === 0) return true;
      // A blank line is not an example: only its problems (ft.blank-line) can describe it.
      if (!/\S/.test(input.lineText)) return false;
      const facts = exampleFacts(exampleView(input.lineText));
      return deep.every((check) => check(facts));
    },
  };
}

function searchPattern(
  text: string,
  regex: boolean,
  caseSensitive: boolean,
): { readonly ok: true; readonly pattern: RegExp } | { readonly ok: false; readonly reason: string } {
  if (regex && text.length > MAX_PATTERN_LENGTH)
    return {
      ok: false,
      reason: `The regular expression is ${text.length} characters long; the limit is ${MAX_PATTERN_LENGTH}.`,
    };
  // Plain text becomes an escaped pattern so both kinds fold case the same way (Unicode simple case folding).
  const source = regex ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return { ok: true, pattern: new RegExp(source, caseSensitive ? 'u' : 'iu') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function cheapChecks(filter: ExampleFilter): Check[] {
  const checks: Check[] = [];
  if (filter.problems === 'any') checks.push(({ problems }) => problems.length > 0);
  if (filter.problems === 'errors') checks.push(({ problems }) => problems.some((p) => p.severity === 'error'));
  if (filter.problems === 'none') checks.push(({ problems }) => problems.length === 0);
  if (filter.codes && filter.codes.length > 0) {
    const codes = new Set(filter.codes);
    checks.push(({ problems }) => problems.some((p) => codes.has(p.code)));
  }
  if (filter.duplicates !== undefined) {
    const wanted = filter.duplicates;
    checks.push(({ problems }) => problems.some((p) => p.code === DUPLICATE_CODE) === wanted);
  }
  const { minTokens, maxTokens } = filter;
  if (minTokens !== undefined) checks.push(({ tokens }) => tokens !== undefined && tokens >= minTokens);
  if (maxTokens !== undefined) checks.push(({ tokens }) => tokens !== undefined && tokens <= maxTokens);
  return checks;
}

function factsChecks(filter: ExampleFilter, pattern: RegExp | undefined): FactsCheck[] {
  const checks: FactsCheck[] = [];
  const { role, hasTools, hasImages, missingSystem } = filter;
  if (role) checks.push((facts) => facts.roles.includes(role));
  if (hasTools !== undefined) checks.push((facts) => facts.hasTools === hasTools);
  if (hasImages !== undefined) checks.push((facts) => facts.hasImages === hasImages);
  if (missingSystem !== undefined) checks.push((facts) => !facts.hasSystem === missingSystem);
  // Search last: it is the dearest check. The pattern has no g or y flag, so `test` keeps no state between calls.
  if (pattern) checks.push((facts) => facts.texts.some((text) => pattern.test(text)));
  return checks;
}
