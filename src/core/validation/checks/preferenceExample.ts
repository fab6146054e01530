import { quote, type Findings } from '../findings';
import { isJsonObject, sameJson, typeName, type JsonObject } from '../jsonValue';
import { checkConversation, messagesOf } from './conversation';
import { newExampleState, type ExampleState } from './exampleState';
import { checkMessage } from './messages';
import { checkToolFields } from './toolDefinitions';

/** The old spellings of the output keys, which the API now rejects. */
export const LEGACY_PREFERENCE_KEYS: ReadonlyMap<string, string> = new Map([
  ['preferred_completion', 'preferred_output'],
  ['non_preferred_completion', 'non_preferred_output'],
]);

/** Checks a preference (DPO) example: an input conversation and one preferred and one non-preferred answer. */
export function checkPreferenceExample(value: JsonObject, findings: Findings): void {
  for (const key in value) {
    if (key === 'input' || key === 'preferred_output' || key === 'non_preferred_output') continue;
    const current = LEGACY_PREFERENCE_KEYS.get(key);
    if (current === undefined) {
      findings.add(
        'ft.unknown-key',
        `Unknown top-level key ${quote(key)}; preference examples have input, preferred_output and non_preferred_output`,
        [key],
        'key',
      );
    } else if (current in value) {
      findings.add(
        'ft.legacy-preference-key',
        `${quote(key)} is the old name of ${quote(current)}, which is also present; remove it`,
        [key],
        'key',
      );
    } else {
      findings.add(
        'ft.legacy-preference-key',
        `${quote(key)} is the old name; rename it to ${quote(current)}`,
        [key],
        'key',
      );
    }
  }
  const state = newExampleState();
  checkInput(value, findings, state);
  const preferred = checkOutput(value, 'preferred_output', 'preferred_completion', findings, state);
  const rejected = checkOutput(value, 'non_preferred_output', 'non_preferred_completion', findings, state);
  if (preferred !== undefined && rejected !== undefined && sameJson(preferred.value, rejected.value)) {
    findings.add(
      'ft.identical-preference',
      'Preferred and non-preferred outputs are identical, so the pair teaches nothing',
      [rejected.key],
    );
  }
}

function checkInput(value: JsonObject, findings: Findings, state: ExampleState): void {
  const input = value['input'];
  if (input === undefined) {
    findings.add('ft.missing-key', 'Example has no "input"', [], 'line');
    return;
  }
  if (!isJsonObject(input)) {
    findings.add('ft.data-type', `"input" must be an object with "messages", not ${typeName(input)}`, ['input']);
    return;
  }
  for (const key in input) {
    if (key !== 'messages' && key !== 'tools' && key !== 'parallel_tool_calls') {
      findings.add(
        'ft.unknown-key',
        `Unknown key ${quote(key)} in "input"; it may have messages, tools and parallel_tool_calls`,
        ['input', key],
        'key',
      );
    }
  }
  checkToolFields(input, ['input'], findings);
  const messages = messagesOf(input, ['input'], findings);
  if (messages !== undefined) checkConversation(messages, ['input', 'messages'], findings, state);
}

function checkOutput(
  value: JsonObject,
  key: string,
  legacyKey: string,
  findings: Findings,
  state: ExampleState,
): { key: string; value: readonly unknown[] } | undefined {
  const usedKey = key in value ? key : legacyKey in value ? legacyKey : undefined;
  if (usedKey === undefined) {
    findings.add('ft.missing-key', `Example has no ${quote(key)}`, [], 'line');
    return undefined;
  }
  const output = value[usedKey];
  if (!Array.isArray(output)) {
    findings.add(
      'ft.data-type',
      `${quote(usedKey)} must be an array holding one assistant message, not ${typeName(output)}`,
      [usedKey],
    );
    return undefined;
  }
  if (output.length !== 1) {
    findings.add(
      'ft.preference-output',
      `${quote(usedKey)} must hold exactly one assistant message, not ${output.length}`,
      [usedKey],
    );
  }
  for (let i = 0; i < output.length; i++) {
    const role = checkMessage(output[i], [usedKey], i, findings, state);
    if (role !== undefined && role !== 'assistant') {
      findings.add('ft.preference-output', `${quote(usedKey)} must hold an assistant message, not a ${role} message`, [
        usedKey,
        i,
        'role',
      ]);
    }
  }
  return { key: usedKey, value: output };
}
