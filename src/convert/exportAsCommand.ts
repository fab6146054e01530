import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertSpec, LegacyExportOptions, LegacyTemplate } from '../core/convert/model';
import { outputPathFor } from '../core/io/outputPath';
import type { ConvertTaskResult } from '../core/worker/taskProtocol';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { FORMAT_NAMES } from '../core/convert/reportText';
import { askLegacyExport, askLegacyTemplate } from './jsonQuestions';
import { pickOne, readHeadOrExplain, reportAnswerProblem } from './prompts';
import { runConversion } from './runConversion';
import { guessExportSource, type ExportSource } from '../core/convert/sourceGuess';

/** The formats a dataset can be exported to; each names the output, e.g. `data.sharegpt.jsonl`. */
export type ExportTarget = 'sharegpt' | 'trl' | 'alpaca' | 'legacy';

/**
 * Answers that let `fineTuneStudio.exportAs` run without asking. `from` defaults to the detected format, `to` to
 * the first target for it (ShareGPT for chat, TRL for preference); `separator` and `stop` set the legacy template.
 */
export interface ExportAsAnswers extends ReplaceAnswer {
  readonly from?: ExportSource;
  readonly to?: ExportTarget;
  readonly separator?: string;
  readonly stop?: string;
  /** Legacy: one pair per assistant turn with the conversation so far as its prompt. */
  readonly perTurn?: boolean;
  /** Legacy: the prompt header; `{system}` is the example's system message (the default). */
  readonly header?: string;
}

interface TargetItem extends vscode.QuickPickItem {
  readonly to: ExportTarget;
  readonly advanced?: boolean;
  readonly perTurn?: boolean;
}

const TARGETS: Readonly<Record<ExportSource, readonly TargetItem[]>> = {
  chat: [
    { to: 'sharegpt', label: 'ShareGPT', description: 'conversations: [{from, value}]' },
    { to: 'trl', label: 'TRL messages', description: 'messages: [{role, content}], valid examples copied as they are' },
    { to: 'alpaca', label: 'Alpaca', description: 'single-turn only; multi-turn examples are reported as skipped' },
    {
      to: 'legacy',
      label: 'Legacy prompt/completion',
      description: 'OpenAI conversational template, separator \\n\\n###\\n\\n, stop \\n',
    },
    {
      to: 'legacy',
      perTurn: true,
      label: 'Legacy prompt/completion, one pair per answer',
      description: 'the conversation so far as the prompt, each assistant answer as a completion',
    },
    {
      to: 'legacy',
      advanced: true,
      label: 'Legacy prompt/completion: Advanced…',
      description: 'set the separator, stop sequence, header and pairs per example',
    },
  ],
  preference: [{ to: 'trl', label: 'TRL prompt/chosen/rejected', description: 'conversational preference rows' }],
};

const ANSWER_KEYS: readonly (keyof ExportAsAnswers)[] = [
  'from',
  'to',
  'separator',
  'stop',
  'perTurn',
  'header',
  'replace',
];
const TITLE = 'Export Dataset As';

function specFor(
  from: ExportSource,
  to: ExportTarget,
  template: Partial<LegacyTemplate>,
  legacy: LegacyExportOptions = {},
): ConvertSpec {
  if (from === 'preference') return { from, to: 'trl' };
  return to === 'legacy' ? { from, to, template, legacy } : { from, to };
}

/** The export the caller's answers describe; undefined after reporting a wrong answer. */
function specFromAnswers(answers: ExportAsAnswers, from: ExportSource): ConvertSpec | undefined {
  const targets = TARGETS[from];
  const to = answers.to ?? targets[0]!.to;
  if (!targets.some((item) => item.to === to)) {
    return reportAnswerProblem(
      TITLE,
      `${FORMAT_NAMES[from]} exports to ${[...new Set(targets.map((item) => item.to))].join(', ')}, not ${JSON.stringify(to)}.`,
    );
  }
  const template = {
    ...(answers.separator === undefined ? {} : { separator: answers.separator }),
    ...(answers.stop === undefined ? {} : { stop: answers.stop }),
  };
  const legacy = {
    ...(answers.perTurn === true ? { perTurn: true } : {}),
    ...(answers.header === undefined ? {} : { header: answers.header }),
  };
  return specFor(from, to, template, legacy);
}

async function askSpec(from: ExportSource): Promise<ConvertSpec | undefined> {
  const targets = TARGETS[from];
  const picked = await pickOne(targets, {
    title: `${TITLE}: Target Format`,
    placeholder: `Export ${FORMAT_NAMES[from]} examples as`,
    active: targets[0],
  });
  if (picked === undefined) return undefined;
  if (picked.advanced !== true) return specFor(from, picked.to, {}, picked.perTurn === true ? { perTurn: true } : {});
  const template = await askLegacyTemplate(TITLE);
  if (template === undefined) return undefined;
  const legacy = await askLegacyExport(TITLE);
  return legacy && specFor(from, picked.to, template, legacy);
}

/** The input's format: the caller's answer, else detected from the first lines. Undefined after saying why. */
async function exportSource(
  input: vscode.Uri,
  answers: ExportAsAnswers | undefined,
): Promise<ExportSource | undefined> {
  const given = answers?.from;
  if (given !== undefined) {
    return given === 'chat' || given === 'preference'
      ? given
      : reportAnswerProblem(TITLE, `"from" must be chat or preference, not ${JSON.stringify(given)}.`);
  }
  const head = await readHeadOrExplain(input);
  if (head === undefined) return undefined;
  const detected = guessExportSource(head.text, head.isWholeFile);
  if (detected === undefined) {
    const name = basename(input.fsPath);
    // A UTF-16 file fails the guess for its encoding, not its fields: say that instead.
    const utf16 = head.likelyEncoding === 'utf-16le' || head.likelyEncoding === 'utf-16be';
    void vscode.window.showErrorMessage(
      utf16 && head.notUtf8 !== undefined
        ? `${TITLE}: ${name} ${head.notUtf8}`
        : `${TITLE}: ${name} does not look like chat or preference JSONL (its first lines have no "messages", nor "input" with "preferred_output").`,
    );
  }
  return detected;
}

/**
 * `fineTuneStudio.exportAs`: exports chat JSONL to ShareGPT, TRL, Alpaca or legacy prompt/completion, or preference
 * JSONL to TRL, into `name.<target>.jsonl` next to the input, in the task worker. Examples the target cannot hold are
 * reported as skipped. Resolves with the result, or undefined when stopped or failed.
 */
export async function exportAsCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<ConvertTaskResult | undefined> {
  const { target, answers } = commandArgs<ExportAsAnswers>(first, second, ANSWER_KEYS);
  const input = await resolveInputFile(target, answers === undefined, 'export');
  if (input === undefined) return undefined;
  const name = basename(input.fsPath);
  const from = await exportSource(input, answers);
  if (from === undefined) return undefined;
  const spec = answers === undefined ? await askSpec(from) : specFromAnswers(answers, from);
  if (spec === undefined) return undefined;

  const output = outputPathFor(input.fsPath, spec.to);
  if (!(await confirmReplace([output], answers))) return undefined;
  return runConversion(extensionUri, {
    task: { kind: 'convert', input: input.fsPath, output, spec },
    title: `Exporting ${name} as ${FORMAT_NAMES[spec.to]}`,
    done: `Exported ${name} as ${FORMAT_NAMES[spec.to]}`,
    failed: `Could not export ${name}`,
  });
}
