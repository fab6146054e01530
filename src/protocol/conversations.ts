/**
 * Messages of the Conversations view (a custom editor over a .jsonl file) and their run-time checks. Both the
 * extension host and the webview import this file.
 *
 * The host owns the document and the filter; the webview shows a window of the filtered examples. Positions are
 * indexes into the filtered list (0 … matches - 1); lines are zero-based document lines. Every answer carries the
 * document version it was built from, so the webview can drop rows of an older version.
 */
import type { ExampleEdit } from '../core/conversations/exampleEdits';
import type { ExampleFilter } from '../core/conversations/exampleFilter';
import type { ExampleView } from '../core/conversations/exampleView';
import type { Severity } from '../core/problem';
import type { WebviewProtocol } from './checkMessage';
import { arrayOf, isBoolean, isIndex, literal, object, oneOf, optional, type Guard } from './guards';

export type { ExampleEdit, ExampleFilter, ExampleView };

/** One problem of an example, as the Problems panel shows it. */
export interface RowProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where it is on the line (UTF-16 characters), for "show in text". */
  readonly character: number;
}

/** One example as the list shows it. */
export interface ConversationRow {
  /** Its position in the filtered list. */
  readonly position: number;
  /** Its zero-based document line. */
  readonly line: number;
  readonly view: ExampleView;
  readonly problems: readonly RowProblem[];
  /** The example's tokens for the selected model, once counted. */
  readonly tokens?: number;
}

/** The state of the document and the filter; sent whenever either changes. */
export interface ConversationsInfo {
  /** The file's name (no folder), for titles. */
  readonly fileName: string;
  /**
   * The view's version: it changes whenever rows may have changed (the text, its problems or the matches). Rows and
   * edits carry it; an edit is refused when the document changed since.
   */
  readonly version: number;
  /** Dataset lines in the document. */
  readonly lineCount: number;
  /** Examples that pass the filter (all lines when no filter is set). */
  readonly matches: number;
  /** A new filter is being applied to the whole file; until it is done, `matches` and the rows are the previous filter's. */
  readonly scanning: boolean;
  /** Lines with at least one problem (whole document). */
  readonly problemLines: number;
  /** The model whose tokens are counted, and its example limit. */
  readonly model?: string;
  readonly tokenLimit?: number;
  /** Why the document cannot be edited here (a file too large for an editor document); undefined when it can. */
  readonly readOnly?: string;
  /** A filter the host could not apply (a bad regular expression), with why. */
  readonly filterError?: string;
  /**
   * Rows of this version the view would ask for next, so it draws them without asking: the first page with the
   * host's first state, and the ranges an edit of the view's named once the edit was analysed (each as its `rows`
   * request would have answered).
   */
  readonly pages?: readonly RowsPage[];
}

/** Positions start … start + count - 1 of the filtered list. */
export interface RowRange {
  readonly start: number;
  readonly count: number;
}

/** A page of rows the view asked for before: its first position and its rows. */
export interface RowsPage {
  readonly start: number;
  readonly rows: readonly ConversationRow[];
}

/** What a user can do to a whole example. */
export type ExampleAction = 'duplicate' | 'delete' | 'openInPlayground' | 'showInText';
/** Where the filtered examples can go. */
export type MatchesTarget = 'newFile' | 'split' | 'dedupe' | 'sample';

/** Requests the conversations webview makes. */
export type ConversationsRequests = {
  /** The rows at positions start … start + count - 1 of the filtered list (fewer at its end). */
  rows: { params: { start: number; count: number }; result: { version: number; rows: ConversationRow[] } };
  /** Replaces the filter; the answer is the new state (scanning may go on, with `info` events as it does). */
  setFilter: { params: { filter: ExampleFilter }; result: ConversationsInfo };
  /** The position of a line in the filtered list, or of the first match after it; null when there is none. */
  findLine: { params: { line: number }; result: number | null };
  /** The position of the next (1) or previous (-1) example with a problem from position `from`; null when none. */
  nextProblem: { params: { from: number; direction: 1 | -1 }; result: number | null };
  /**
   * Edits one example. Refused (an error) when the document changed since `version` or the edit does not apply.
   * `pages`: the ranges of rows in view, sent back with the state once the edit is analysed (see `pages` of the info).
   */
  edit: { params: { line: number; version: number; edit: ExampleEdit; pages?: readonly RowRange[] }; result: null };
  /** Acts on one example. */
  exampleAction: { params: { line: number; version: number; action: ExampleAction }; result: null };
  /** Writes the filtered examples to a new file, or runs a curation command over them. */
  exportMatches: { params: { target: MatchesTarget }; result: null };
};

/** Events the host sends to the conversations webview. */
export type ConversationsHostEvents = {
  /** The document, its problems or the filter's matches changed: visible rows should be fetched again. */
  info: ConversationsInfo;
  /** Scroll to this line (from "Save reply here", a jump from elsewhere); its position in the filtered list. */
  reveal: { line: number; position: number | null };
  /** Send the view state now (the editable view is about to take this read-only one's place). */
  sendViewState: null;
};

/** Where the view is: kept by the page across hiding and reloads, and handed to a view that takes its place. */
export interface ViewState {
  readonly filter: ExampleFilter;
  /** Zero-based document line of the example at the top of the list. */
  readonly firstLine: number;
  /** Zero-based document line of the selected example. */
  readonly selectedLine: number | undefined;
  /** Message text shown as typed instead of as markdown. */
  readonly plain: boolean;
}

/** Events the conversations webview sends besides requests. */
export type ConversationsWebviewEvents = {
  /**
   * The view state, once the first screen is painted and when the host asks: the host hands a read-only view's state
   * to the editable view that takes its place.
   */
  viewState: ViewState;
};

const ACTIONS = ['duplicate', 'delete', 'openInPlayground', 'showInText'] as const;
const TARGETS = ['newFile', 'split', 'dedupe', 'sample'] as const;
/** A window far larger than any screen: a request for more is malformed. */
export const MAX_ROWS_PER_REQUEST = 500;
/** Rows the view asks for at a time (a page of its cache); the host sends the first page with its first state. */
export const ROWS_PAGE_SIZE = 40;

/** Longest text a message edit may carry (a long reply is a few hundred KB; a line is capped by the document anyway). */
const MAX_TEXT = 10_000_000;
const isText: Guard<string> = (value): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isShortText: Guard<string> = (value): value is string => typeof value === 'string' && value.length <= 1_000;
const isPath = arrayOf(oneOf(isShortText, isIndex), 16);

/** Every edit the view can ask for, checked field by field (an unknown kind or an extra key is refused). */
const isExampleEdit: Guard<ExampleEdit> = oneOf(
  object({ kind: literal('setText'), path: isPath, text: isText }),
  object({ kind: literal('setRole'), message: isPath, role: isShortText }),
  object({ kind: literal('setWeight'), message: isPath, weight: literal(0, 1, null) }),
  object({ kind: literal('insertMessage'), list: isPath, index: isIndex, role: isShortText, text: isText }),
  object({ kind: literal('deleteMessage'), list: isPath, index: isIndex }),
  object({ kind: literal('moveMessage'), list: isPath, from: isIndex, to: isIndex }),
);

/** Search text, roles and codes longer than this are malformed messages, not searches. */
const isSearchText: Guard<string> = (value): value is string => typeof value === 'string' && value.length <= 10_000;
const isTokenBound = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A filter from the view: only known fields, each absent or of its type; long texts are malformed, not searches. */
export const isExampleFilter: Guard<ExampleFilter> = object({
  text: optional(isSearchText),
  regex: optional(isBoolean),
  caseSensitive: optional(isBoolean),
  problems: optional(literal('any', 'errors', 'none')),
  codes: optional(arrayOf(isSearchText, 200)),
  role: optional(isSearchText),
  hasTools: optional(isBoolean),
  hasImages: optional(isBoolean),
  missingSystem: optional(isBoolean),
  minTokens: optional(isTokenBound),
  maxTokens: optional(isTokenBound),
  duplicates: optional(isBoolean),
});

/** Ranges of rows an edit may ask to be sent back: the few pages in view. */
const MAX_PAGES_WITH_EDIT = 4;
const isRowRange = object({
  start: isIndex,
  count: (value): value is number => isIndex(value) && value <= MAX_ROWS_PER_REQUEST,
});

/** The run-time check of everything the conversations webview may send. */
export const conversationsProtocol: WebviewProtocol<ConversationsRequests, ConversationsWebviewEvents> = {
  requests: {
    rows: object({
      start: isIndex,
      count: (value): value is number => isIndex(value) && value <= MAX_ROWS_PER_REQUEST,
    }),
    setFilter: object({ filter: isExampleFilter }),
    findLine: object({ line: isIndex }),
    nextProblem: object({ from: oneOf(isIndex, literal(-1)), direction: literal(1, -1) }),
    edit: object({
      line: isIndex,
      version: isIndex,
      edit: isExampleEdit,
      pages: optional(arrayOf(isRowRange, MAX_PAGES_WITH_EDIT)),
    }),
    exampleAction: object({ line: isIndex, version: isIndex, action: literal(...ACTIONS) }),
    exportMatches: object({ target: literal(...TARGETS) }),
  },
  events: {
    viewState: object({
      filter: isExampleFilter,
      firstLine: isIndex,
      selectedLine: optional(isIndex),
      plain: isBoolean,
    }),
  },
};
