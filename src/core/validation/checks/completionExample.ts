import { quote, type Findings } from '../findings';
import { typeName, type JsonObject } from '../jsonValue';
import { isWhitespaceCode } from '../whitespace';

/** The text of a legacy example, kept for the file-wide prepare_data advice. */
export interface CompletionPair {
  readonly prompt: string;
  readonly completion: string;
}

/**
 * Checks a legacy prompt/completion example with the per-line advice of OpenAI's old `prepare_data` tool. Returns
 * the texts when both are strings.
 */
export function checkCompletionExample(value: JsonObject, findings: Findings): CompletionPair | undefined {
  for (const key in value) {
    if (key !== 'prompt' && key !== 'completion') {
      findings.add(
        'ft.unknown-key',
        `Unknown top-level key ${quote(key)}; legacy examples have only prompt and completion`,
        [key],
        'key',
      );
    }
  }
  const prompt = stringField(value, 'prompt', findings);
  const completion = stringField(value, 'completion', findings);
  if (completion === '') {
    findings.add('ft.completion-empty', 'Completion is empty, so the model learns nothing from this example', [
      'completion',
    ]);
  } else if (completion !== undefined && !isWhitespaceCode(completion.charCodeAt(0))) {
    findings.add(
      'ft.completion-leading-space',
      'Completion should start with a space or newline: the tokenizer keeps the leading space with the first word',
      ['completion'],
    );
  }
  return prompt !== undefined && completion !== undefined ? { prompt, completion } : undefined;
}

function stringField(value: JsonObject, key: string, findings: Findings): string | undefined {
  const field = value[key];
  if (typeof field === 'string') return field;
  if (field === undefined) findings.add('ft.missing-key', `Example has no ${quote(key)}`, [], 'line');
  else findings.add('ft.data-type', `${quote(key)} must be a string, not ${typeName(field)}`, [key]);
  return undefined;
}
