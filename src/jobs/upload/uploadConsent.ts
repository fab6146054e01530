/**
 * The words of the upload's checks and confirmation: what blocks an upload, and the modal that names everything
 * about to leave the machine (file, size, examples, estimated training tokens, destination host). Pure, so it is
 * unit-tested in Node.
 */

import { megabytes } from '../../core/convert/twcs/outputEstimate';
import type { FileValidation } from '../../core/pipeline/validateFile';
import { fileProblemCounts } from '../../core/report/reportData';
import { plural } from '../../core/text/plural';

/** What validation says about uploading the file. */
export interface UploadVerdict {
  /** Errors block the upload. */
  readonly errors: number;
  readonly warnings: number;
  /** One line per problem kind, most severe first: `3 × Missing assistant message (line 12)`. */
  readonly lines: readonly string[];
}

/** Problem lines listed in a message; the rest are counted. */
const MAX_LINES = 6;

export function uploadVerdict(result: Pick<FileValidation, 'problems' | 'counts'>): UploadVerdict {
  const counts = fileProblemCounts(result).filter((c) => c.severity === 'error' || c.severity === 'warning');
  const total = (severity: string) =>
    counts.filter((c) => c.severity === severity).reduce((sum, c) => sum + c.count, 0);
  return {
    errors: total('error'),
    warnings: total('warning'),
    lines: counts.map(
      (c) => `${c.count.toLocaleString('en-US')} × ${c.title} (${c.severity}, first on line ${c.firstLine + 1})`,
    ),
  };
}

/** The problem lines for a message: the first few, then how many more kinds. */
export function verdictDetail(verdict: UploadVerdict): string {
  const shown = verdict.lines.slice(0, MAX_LINES);
  const more = verdict.lines.length - shown.length;
  return [...shown, ...(more > 0 ? [`…and ${plural(more, 'more kind')} of problem.`] : [])].join('\n');
}

/** Why a file with errors is not uploaded. */
export function blockedMessage(fileName: string, verdict: UploadVerdict): { message: string; detail: string } {
  return {
    message: `${fileName} has ${plural(verdict.errors, 'error')}: it was not uploaded.`,
    detail: `${verdictDetail(verdict)}\n\nFix them (the Problems panel lists them) and upload again.`,
  };
}

/** What the confirmation shows. */
export interface ConsentFacts {
  readonly fileName: string;
  readonly bytes: number;
  readonly examples: number;
  /** Tokens billed per epoch and for the default epochs, when the model's tokenizer counted them. */
  readonly tokens?: { readonly perEpoch: number; readonly epochs: number; readonly charged: number; model: string };
  readonly connectionName: string;
  /** The host the bytes go to, from the connection's base URL. */
  readonly host: string;
  readonly verdict: UploadVerdict;
}

/** The modal confirmation before anything leaves the machine. */
export function consentMessage(facts: ConsentFacts): { message: string; detail: string } {
  const tokens =
    facts.tokens === undefined
      ? 'Estimated training tokens: not counted.'
      : `Estimated training tokens: ${facts.tokens.perEpoch.toLocaleString('en-US')} per epoch, ` +
        `${facts.tokens.charged.toLocaleString('en-US')} over ${plural(facts.tokens.epochs, 'epoch')} ` +
        `(${facts.tokens.model} tokenizer).`;
  const warnings =
    facts.verdict.warnings === 0
      ? []
      : ['', `${plural(facts.verdict.warnings, 'warning')}:`, verdictDetail(facts.verdict)];
  return {
    message: `Upload ${facts.fileName} to ${facts.host}?`,
    detail: [
      `File: ${facts.fileName} (${megabytes(facts.bytes)}, ${facts.bytes.toLocaleString('en-US')} bytes)`,
      `Examples: ${facts.examples.toLocaleString('en-US')}`,
      tokens,
      `Destination: ${facts.host} (connection “${facts.connectionName}”)`,
      ...warnings,
      '',
      'The file is sent to this server and stays there until it is deleted.',
    ].join('\n'),
  };
}

/** The host a connection's base URL points at (`api.openai.com`, `my-resource.openai.azure.com`, `127.0.0.1:8765`). */
export function destinationHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
