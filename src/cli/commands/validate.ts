import { relative } from 'node:path';
import { DEFAULT_MAX_PROBLEMS_PER_CODE } from '../../core/defaults';
import { modelWarning } from '../../core/models/modelLookup';
import { validateFile } from '../../core/pipeline/validateFile';
import { UsageError, type CliCommand } from '../command';
import { checkInputFile } from '../../core/io/inputFile';
import { inputPathArg } from '../fileArgs';
import { numberOption } from '../numberOption';
import { parseCliArgs } from '../parseCliArgs';
import { FILE_VALIDATION_OPTIONS, fileValidationOptions } from './fileValidationArgs';
import { githubLine, jsonProblem, severityTotals, textLine } from './problemOutput';
import { messageOf } from '../../core/errors/messageOf';
import { terminalSafe, terminalSafeLines } from '../../core/text/terminalSafe';
import { plural } from '../../core/text/plural';

/** `finetune-studio validate`: every check of the editor, for files of any size; exit 1 when any error. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check fine-tuning JSONL files: syntax, format, cookbook checks, duplicates, token limits.',
  usage: [
    'finetune-studio validate FILE... [--model M] [--format text|json|github] [--dataset-format chat|preference|rft|completion]',
    '                         [--no-tokens] [--max-problems N] [--token-limit N] [--workers N]',
    '  --model M          tokenizer, example limit (default gpt-4o-mini-2024-07-18)',
    '  --format           text: file:line:col: severity code message (default); json; github (workflow annotations)',
    '  --no-tokens        skip token counting and the example limit check (faster)',
    `  --max-problems N   problems listed per code and file (default ${DEFAULT_MAX_PROBLEMS_PER_CODE}; all are counted)`,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      ...FILE_VALIDATION_OPTIONS,
      format: { type: 'string' },
      'no-tokens': { type: 'boolean' },
      'max-problems': { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('Give at least one FILE.');
    const output = values.format ?? 'text';
    if (output !== 'text' && output !== 'json' && output !== 'github')
      throw new UsageError(`--format must be text, json or github, not ${output}.`);
    const maxProblems = numberOption(
      values['max-problems'],
      '--max-problems',
      { integer: true, min: 1, expected: 'a whole number of at least 1' },
      DEFAULT_MAX_PROBLEMS_PER_CODE,
    );
    const options = { ...fileValidationOptions(values, !values['no-tokens']), maxProblemsPerCode: maxProblems };

    const warning =
      options.model === undefined ? undefined : modelWarning(options.model, options.defaultExampleTokenLimit);
    if (warning !== undefined) io.stderr(`warning: ${terminalSafe(warning)}\n`);
    let failed = false;
    const reports = [];
    for (const file of positionals) {
      const path = inputPathArg(io, file);
      // File names and messages quote what the user gave and what the data holds: escaped for the terminal.
      const shown = relative(io.cwd, path) || file;
      const safeName = terminalSafe(shown);
      let result;
      try {
        await checkInputFile(path);
        result = await validateFile(path, options);
      } catch (error) {
        io.stderr(`${safeName}: cannot validate: ${terminalSafe(messageOf(error))}\n`);
        failed = true;
        continue;
      }
      const totals = severityTotals(result.problems, result.counts);
      if (totals.errors > 0) failed = true;
      if (output === 'json') {
        reports.push({
          file: shown,
          format: result.format ?? null,
          lines: result.lines,
          examples: result.examples,
          ...totals,
          counts: result.counts,
          problems: result.problems.map(jsonProblem),
        });
        continue;
      }
      for (const problem of result.problems)
        io.stdout(`${output === 'github' ? githubLine(shown, problem) : textLine(shown, problem)}\n`);
      const unlisted = Object.entries(result.counts)
        .filter(([, n]) => n > maxProblems)
        .map(([code, n]) => `${n - maxProblems} more ${code}`);
      io.stderr(
        `${safeName}: ${plural(result.examples, 'example')} in ${plural(result.lines, 'line')}, format ${result.format ?? result.other?.label ?? 'not detected'}: ` +
          `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'note')}` +
          (unlisted.length ? ` (not listed: ${unlisted.join(', ')})` : '') +
          '\n',
      );
    }
    // JSON.stringify escapes C0 controls but not DEL, C1 or bidi controls; those only occur inside strings, where a
    // \u escape is valid JSON.
    if (output === 'json') io.stdout(`${terminalSafeLines(JSON.stringify({ files: reports }, null, 2))}\n`);
    return failed ? 1 : 0;
  },
};
