import type { InputEncoding } from './inputEncoding';
import { terminalSafe } from '../text/terminalSafe';

/**
 * The shared model of dataset conversion. A conversion is streaming: it consumes the bytes of one input file and
 * yields output lines (one JSON value each, no terminator) while it fills a {@link ConvertReport}. Nothing is
 * dropped silently: every input row that does not reach the output is in the report with its line and a reason.
 */

/** Formats a conversion can read. `mapped` is any JSON Lines file read through an explicit {@link FieldMapping}. */
export type SourceFormat = 'csv' | 'twcs' | 'legacy' | 'sharegpt' | 'alpaca' | 'trl' | 'chat' | 'preference' | 'mapped';

/** Formats a conversion can write. `chat` is OpenAI chat JSONL, `preference` is OpenAI preference (DPO) JSONL. */
export type TargetFormat = 'chat' | 'preference' | 'legacy' | 'sharegpt' | 'trl' | 'alpaca';

/** One input row that produced no output. */
export interface SkippedRow {
  /** One-based line of the row's first byte in the input, as editors and the CLI show it. */
  readonly line: number;
  readonly reason: string;
}

/** What a conversion did. Complete once the output lines have been read to the end. */
export interface ConvertReport {
  /** Rows (CSV records, JSONL lines, tweets) read; blank lines are not rows. Always `converted + skippedCount`. */
  readonly read: number;
  /** Rows that went into the output (several make one example when rows of a conversation are joined). */
  readonly converted: number;
  /** Output lines written. */
  readonly written: number;
  /** The first {@link MAX_SKIPPED_ENTRIES} skipped rows, in input order. */
  readonly skipped: readonly SkippedRow[];
  /** Exact number of skipped rows, also beyond the listed ones. */
  readonly skippedCount: number;
  /** Things the user should know that did not skip a row, e.g. fields the target format cannot hold. */
  readonly warnings: readonly string[];
}

/** The cap on listed skipped rows; {@link ConvertReport.skippedCount} keeps counting. */
export const MAX_SKIPPED_ENTRIES = 1000;

/** A running conversion: read `lines` to the end, then {@link report} is final. */
export interface Conversion {
  readonly lines: AsyncIterable<string>;
  report(): ConvertReport;
}

/** Reads `length` bytes at `offset` of the input again (fewer only at the end of the input). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/** Options every streaming conversion takes. */
export interface StreamOptions {
  /** Stops the conversion; reading the lines then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called with the number of input bytes consumed so far. */
  readonly onProgress?: (bytesRead: number) => void;
  /** Random access to the same input; required by conversions that re-read text by offset (TWCS). */
  readonly readAt?: ReadAt;
  /**
   * The input's encoding when the user named it; otherwise CSV and TWCS input must be UTF-8 and is checked. TWCS
   * reads UTF-8 only (texts are re-read by byte offset): `convertFile` converts other encodings into a temporary file.
   */
  readonly encoding?: InputEncoding;
}

/** A chat role this module writes. Inputs may hold others (tool, developer); converters report those. */
export type ChatRole = 'system' | 'user' | 'assistant';

/** One message of an OpenAI chat example as converters build it. */
export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** Where the cells of a CSV row go. Columns are header names, or 0-based indexes when the file has no header. */
export interface CsvMapping {
  readonly userColumn: string | number;
  readonly assistantColumn: string | number;
  /** Rows sharing a value here become one multi-turn example. */
  readonly idColumn?: string | number;
  /** Orders the rows of one id: numerically when all its values are numbers, else as strings; ties keep file order. */
  readonly orderColumn?: string | number;
  /** A system message put first in every example. */
  readonly system?: string;
}

/** CSV conversion settings; delimiter and header are sniffed from the first lines when not given. */
export interface CsvConvertOptions {
  readonly mapping: CsvMapping;
  /** One of `,` `;` `\t` `|`. */
  readonly delimiter?: string;
  readonly hasHeader?: boolean;
}

/** Settings for the Twitter customer-support (Kaggle `twcs.csv`) conversion. */
export interface TwcsOptions {
  /** Keep only threads answered by one of these companies (author_id, case-insensitive). */
  readonly brands?: readonly string[];
  /** Remove @handles. */
  readonly stripMentions?: boolean;
  /** Remove agent sign-offs at the end of company tweets, such as ` ^RR`, ` -AB`, ` *TS`. */
  readonly stripSignoffs?: boolean;
  /** Remove `https://t.co/...` links. */
  readonly stripLinks?: boolean;
  /** A system message for every example; `{brand}` becomes the answering company's name. */
  readonly systemPrompt?: string;
  /** Keep `&amp;`, `&gt;`, `&#39;` … as the export has them; by default they are decoded. */
  readonly keepHtmlEntities?: boolean;
  /**
   * Stop before writing when branching threads would write more than this (an estimate from the index); 0 for no
   * limit. Default: 4 × the input and at least 256 MiB (see `defaultOutputLimit`).
   */
  readonly maxOutputBytes?: number;
}

/** The legacy prompt/completion conversational template's separators. */
export interface LegacyTemplate {
  /** Between the summary/specific information header and the dialogue, and at the end of plain prompts. */
  readonly separator: string;
  /** Ends every completion. */
  readonly stop: string;
}

/** How chat examples are written as legacy prompt/completion pairs. */
export interface LegacyExportOptions {
  /**
   * One pair per assistant turn: the prompt holds the conversation up to that turn, the turn is the completion (how
   * multi-turn support data was trained in the legacy format). Default: one pair per example, its last answer.
   */
  readonly perTurn?: boolean;
  /**
   * The prompt's header before the separator, e.g. `Summary: {system}\n\nSpecific information: …`; `{system}` is the
   * example's system message. Default: the system message itself; an empty header leaves the header out.
   */
  readonly header?: string;
}

/** The template OpenAI's legacy fine-tuning guide used. */
export const DEFAULT_LEGACY_TEMPLATE: LegacyTemplate = { separator: '\n\n###\n\n', stop: '\n' };

/**
 * Where the messages of arbitrary JSON objects are: dot paths (`a.b.0.c`, numbers index lists), or templates that
 * join fields (`{instruction}\n\n{input}`).
 */
export interface FieldMapping {
  readonly userField: string;
  readonly assistantField: string;
  readonly systemField?: string;
}

/** Which conversion to run. Combinations not listed here are not supported. */
export type ConvertSpec =
  | { readonly from: 'csv'; readonly to: 'chat'; readonly csv: CsvConvertOptions }
  | { readonly from: 'twcs'; readonly to: 'chat'; readonly twcs?: TwcsOptions }
  | { readonly from: 'legacy'; readonly to: 'chat'; readonly template?: Partial<LegacyTemplate> }
  | {
      readonly from: 'chat';
      readonly to: 'legacy';
      readonly template?: Partial<LegacyTemplate>;
      readonly legacy?: LegacyExportOptions;
    }
  | { readonly from: 'mapped'; readonly to: 'chat'; readonly mapping: FieldMapping }
  | { readonly from: 'sharegpt' | 'alpaca' | 'trl' | 'chat'; readonly to: 'chat' }
  | { readonly from: 'chat'; readonly to: 'sharegpt' | 'trl' | 'alpaca' }
  | { readonly from: 'trl' | 'preference'; readonly to: 'preference' }
  | { readonly from: 'preference'; readonly to: 'trl' };

/**
 * The input or the settings cannot be converted at all (a mapped column is missing, TWCS columns are absent, random
 * access is missing). Thrown before any line is produced; callers show the message as a usage problem.
 */
export class ConvertSetupError extends Error {
  constructor(message: string) {
    // Messages quote column titles from the file; they are printed as they are.
    super(terminalSafe(message));
    this.name = 'ConvertSetupError';
  }
}
