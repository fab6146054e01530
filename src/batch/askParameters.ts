import * as vscode from 'vscode';
import { parameterTextProblem, parseParameterText } from '../core/batch/parameterText';
import type { SamplingParameters } from '../core/connections/buildRequest';
import { PARAMETERS_PLACEHOLDER, PARAMETERS_PROMPT, parametersBoxTitle } from './parameterInput';

/**
 * Asks each model's parameters, one input box per model, as a line like `temperature=0.7 max_tokens=300`. Each box
 * after the first starts with the text typed for the model before, so the same parameters for all is just Enter;
 * an empty box leaves every parameter to the server. Undefined when a box is dismissed (Escape).
 */
export async function askParameters(labels: readonly string[]): Promise<SamplingParameters[] | undefined> {
  const all: SamplingParameters[] = [];
  let previous = '';
  for (const [index, label] of labels.entries()) {
    const text = await vscode.window.showInputBox({
      title: parametersBoxTitle(label, index, labels.length),
      prompt: PARAMETERS_PROMPT,
      placeHolder: PARAMETERS_PLACEHOLDER,
      value: previous,
      ignoreFocusOut: true,
      validateInput: parameterTextProblem,
    });
    if (text === undefined) return undefined;
    // The box accepts only text that reads, so this is the parameters.
    const result = parseParameterText(text);
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Run Batch: ${result.message}`);
      return undefined;
    }
    all.push(result.parameters);
    previous = text;
  }
  return all;
}
