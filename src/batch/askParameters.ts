import * as vscode from 'vscode';
import type { SamplingParameters } from '../core/connections/buildRequest';
import {
  MAX_TOKENS_FIELD,
  TEMPERATURE_FIELD,
  optionalNumberProblem,
  parseOptionalNumber,
  type NumberField,
} from './parameterInput';

/** Sentinel for a dismissed box: the whole command stops, while an empty box only skips its parameter. */
const DISMISSED = Symbol('dismissed');

/**
 * Asks the optional temperature and max tokens for every model of the run, one input box each; Enter on an empty
 * box leaves the parameter to the server. Undefined when a box is dismissed (Escape).
 */
export async function askParameters(): Promise<SamplingParameters | undefined> {
  const temperature = await askNumber(TEMPERATURE_FIELD);
  if (temperature === DISMISSED) return undefined;
  const maxTokens = await askNumber(MAX_TOKENS_FIELD);
  if (maxTokens === DISMISSED) return undefined;
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
  };
}

async function askNumber(field: NumberField): Promise<number | undefined | typeof DISMISSED> {
  const text = await vscode.window.showInputBox({
    title: `Run Batch: ${field.title} (optional)`,
    prompt: field.prompt,
    placeHolder: 'Server default',
    ignoreFocusOut: true,
    validateInput: (input) => optionalNumberProblem(field, input),
  });
  return text === undefined ? DISMISSED : parseOptionalNumber(text);
}
