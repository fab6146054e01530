import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { FileHead } from '../core/convert/fileHead';
import { INPUT_ENCODINGS, isInputEncoding, type InputEncoding } from '../core/convert/inputEncoding';
import type { ConvertSpec } from '../core/convert/model';
import { outputPathFor } from '../core/io/outputPath';
import type { ConvertTaskResult } from '../core/worker/taskProtocol';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile, type InputKind } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { askChatSpec } from './chatSourceQuestions';
import { askEncoding } from './encodingQuestion';
import { readHeadOrExplain, reportAnswerProblem } from './prompts';
import { runConversion } from './runConversion';
import { guessChatSource, type ChatSource } from '../core/convert/sourceGuess';

/**
 * Answers that let `fineTuneStudio.convertToChat` run without asking. `from` defaults to the guessed format. CSV
 * needs `userColumn` and `assistantColumn` (header names, or 0-based indexes without a header); mapped JSON needs
 * `userField` and `assistantField` (dot paths, or templates joining them: `{instruction}\n\n{input}`). TWCS strips
 * mentions, sign-offs and links unless told `false`. A file that is not UTF-8 needs its `encoding`.
 */
export interface ConvertToChatAnswers extends ReplaceAnswer {
  readonly from?: ChatSource;
  readonly userColumn?: string | number;
  readonly assistantColumn?: string | number;
  readonly idColumn?: string | number;
  readonly orderColumn?: string | number;
  /** System message for CSV; for TWCS, `{brand}` in it becomes the answering company. */
  readonly system?: string;
  /** TWCS companies (author ids) to keep; all when absent or empty. */
  readonly brands?: readonly string[];
  readonly stripMentions?: boolean;
  readonly stripSignoffs?: boolean;
  readonly stripLinks?: boolean;
  /** TWCS: keep `&amp;`, `&gt;` … as written instead of decoding them. */
  readonly keepHtmlEntities?: boolean;
  /** TWCS: the output size (MB) past which branching threads stop the conversion; 0 for no limit. */
  readonly maxOutputMb?: number;
  /** Legacy template; the OpenAI defaults when absent. */
  readonly separator?: string;
  readonly stop?: string;
  readonly userField?: string;
  readonly assistantField?: string;
  readonly systemField?: string;
  /** The input's encoding when it is not UTF-8: latin1, windows-1252, utf-16le or utf-16be. */
  readonly encoding?: string;
}

const ANSWER_KEYS: readonly (keyof ConvertToChatAnswers)[] = [
  'from',
  'userColumn',
  'assistantColumn',
  'idColumn',
  'orderColumn',
  'system',
  'brands',
  'stripMentions',
  'stripSignoffs',
  'stripLinks',
  'keepHtmlEntities',
  'maxOutputMb',
  'separator',
  'stop',
  'userField',
  'assistantField',
  'systemField',
  'encoding',
  'replace',
];
const CHAT_SOURCES: readonly ChatSource[] = ['csv', 'twcs', 'legacy', 'sharegpt', 'alpaca', 'trl', 'mapped'];

/** Tables and JSON Lines: what the conversion reads. */
const CONVERTIBLE_INPUT: InputKind = {
  noun: 'CSV or JSONL file',
  extensions: ['.csv', '.tsv', '.txt', '.jsonl', '.json'],
  filters: { 'Tables and JSON Lines': ['csv', 'tsv', 'txt', 'jsonl', 'json'], 'All Files': ['*'] },
};

const TITLE = 'Convert to Chat JSONL';

/** The conversion the caller's answers describe; undefined after reporting a missing or wrong answer. */
function specFromAnswers(answers: ConvertToChatAnswers, guess: ChatSource): ConvertSpec | undefined {
  const from = answers.from ?? guess;
  if (!CHAT_SOURCES.includes(from))
    return reportAnswerProblem(TITLE, `"from" must be one of ${CHAT_SOURCES.join(', ')}, not ${JSON.stringify(from)}.`);
  const system = answers.system === undefined || answers.system === '' ? undefined : answers.system;
  switch (from) {
    case 'csv': {
      const { userColumn, assistantColumn, idColumn, orderColumn } = answers;
      if (userColumn === undefined || assistantColumn === undefined)
        return reportAnswerProblem(TITLE, 'a CSV conversion needs "userColumn" and "assistantColumn".');
      const mapping = {
        userColumn,
        assistantColumn,
        ...(idColumn === undefined ? {} : { idColumn }),
        ...(orderColumn === undefined ? {} : { orderColumn }),
        ...(system === undefined ? {} : { system }),
      };
      return { from, to: 'chat', csv: { mapping } };
    }
    case 'twcs':
      return {
        from,
        to: 'chat',
        twcs: {
          brands: answers.brands ?? [],
          stripMentions: answers.stripMentions ?? true,
          stripSignoffs: answers.stripSignoffs ?? true,
          stripLinks: answers.stripLinks ?? true,
          ...(answers.keepHtmlEntities === true ? { keepHtmlEntities: true } : {}),
          ...(answers.maxOutputMb === undefined ? {} : { maxOutputBytes: answers.maxOutputMb * 1e6 }),
          ...(system === undefined ? {} : { systemPrompt: system }),
        },
      };
    case 'legacy': {
      const template = {
        ...(answers.separator === undefined ? {} : { separator: answers.separator }),
        ...(answers.stop === undefined ? {} : { stop: answers.stop }),
      };
      return { from, to: 'chat', template };
    }
    case 'mapped': {
      const { userField, assistantField, systemField } = answers;
      if (userField === undefined || assistantField === undefined)
        return reportAnswerProblem(TITLE, 'a field mapping needs "userField" and "assistantField".');
      return {
        from,
        to: 'chat',
        mapping: { userField, assistantField, ...(systemField === undefined ? {} : { systemField }) },
      };
    }
    default:
      return { from, to: 'chat' };
  }
}

/**
 * The start of the input and its encoding: the caller's, else UTF-8, else (when the file is not UTF-8) the one the
 * user picks. Undefined after saying why not.
 */
async function readInput(
  input: vscode.Uri,
  answers: ConvertToChatAnswers | undefined,
): Promise<{ head: FileHead; encoding: InputEncoding | undefined } | undefined> {
  const given = answers?.encoding;
  if (given !== undefined && !isInputEncoding(given))
    return reportAnswerProblem(
      TITLE,
      `"encoding" must be one of ${INPUT_ENCODINGS.join(', ')}, not ${JSON.stringify(given)}.`,
    );
  const head = await readHeadOrExplain(input, given);
  if (head === undefined) return undefined;
  // JSON Lines with a stray byte convert with that line skipped; tables and UTF-16 files need their encoding.
  const table = ['csv', 'twcs'].includes(guessChatSource(basename(input.fsPath), head.text, head.isWholeFile));
  const utf16 = head.likelyEncoding === 'utf-16le' || head.likelyEncoding === 'utf-16be';
  if (head.notUtf8 === undefined || !(table || utf16)) return { head, encoding: given };
  const name = basename(input.fsPath);
  if (answers !== undefined)
    return reportAnswerProblem(TITLE, `${name} ${head.notUtf8} Give its "encoding" (${INPUT_ENCODINGS.join(', ')}).`);
  const encoding = await askEncoding(name, head.notUtf8, head.likelyEncoding ?? 'windows-1252', TITLE);
  if (encoding === undefined) return undefined;
  const decoded = await readHeadOrExplain(input, encoding);
  return decoded && { head: decoded, encoding };
}

/**
 * `fineTuneStudio.convertToChat`: converts CSV, TWCS, legacy, ShareGPT, Alpaca, TRL or other JSON Lines into
 * `name.chat.jsonl` next to the input, in the task worker. Resolves with the result, or undefined when stopped or failed.
 */
export async function convertToChatCommand(
  extensionUri: vscode.Uri,
  memory: vscode.Memento,
  first?: unknown,
  second?: unknown,
): Promise<ConvertTaskResult | undefined> {
  const { target, answers } = commandArgs<ConvertToChatAnswers>(first, second, ANSWER_KEYS);
  const input = await resolveInputFile(target, answers === undefined, 'convert', CONVERTIBLE_INPUT);
  if (input === undefined) return undefined;
  const read = await readInput(input, answers);
  if (read === undefined) return undefined;
  const { head, encoding } = read;
  const guess = guessChatSource(basename(input.fsPath), head.text, head.isWholeFile);
  const spec =
    answers === undefined ? await askChatSpec(input, head, guess, memory, TITLE) : specFromAnswers(answers, guess);
  if (spec === undefined) return undefined;

  const output = outputPathFor(input.fsPath, 'chat');
  if (!(await confirmReplace([output], answers))) return undefined;
  const name = basename(input.fsPath);
  return runConversion(extensionUri, {
    task: { kind: 'convert', input: input.fsPath, output, spec, ...(encoding === undefined ? {} : { encoding }) },
    title: `Converting ${name} to chat JSONL`,
    done: `Converted ${name}`,
    failed: `Could not convert ${name}`,
  });
}
