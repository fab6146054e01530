import { quote, type Findings, type JsonPath } from '../findings';
import { isJsonObject, typeName, type JsonObject } from '../jsonValue';
import type { ExampleState } from './exampleState';

/** Checks an assistant's `tool_calls` at `path` and records their ids for the tool results that follow. */
export function checkToolCalls(calls: unknown, path: JsonPath, findings: Findings, state: ExampleState): void {
  if (!Array.isArray(calls)) {
    findings.add('ft.data-type', `"tool_calls" must be an array, not ${typeName(calls)}`, path);
    return;
  }
  for (let i = 0; i < calls.length; i++) {
    const call: unknown = calls[i];
    if (!isJsonObject(call)) {
      findings.add('ft.tool-call', `Each tool call must be an object, not ${typeName(call)}`, [...path, i]);
      continue;
    }
    const id = call['id'];
    if (typeof id !== 'string' || id.length === 0) {
      findings.add(
        'ft.tool-call',
        'Tool call needs a non-empty string "id"',
        id === undefined ? [...path, i] : [...path, i, 'id'],
      );
    } else if (state.toolCallIds?.has(id) === true) {
      findings.add('ft.tool-call', `Tool call id ${quote(id)} is already used earlier in this example`, [
        ...path,
        i,
        'id',
      ]);
    } else {
      (state.toolCallIds ??= new Set()).add(id);
    }
    const type = call['type'];
    if (type === undefined) findings.add('ft.tool-call', 'Tool call is missing "type": "function"', [...path, i]);
    else if (type !== 'function')
      findings.add('ft.tool-call', `Tool call "type" must be "function", not ${quote(type)}`, [...path, i, 'type']);
    const fn = call['function'];
    if (isJsonObject(fn)) checkFunctionPayload(fn, [...path, i, 'function'], findings);
    else
      findings.add(
        'ft.tool-call',
        'Tool call needs a "function" object with "name" and "arguments"',
        fn === undefined ? [...path, i] : [...path, i, 'function'],
      );
  }
}

/** Checks a legacy `function_call` at `path`. */
export function checkFunctionCall(call: unknown, path: JsonPath, findings: Findings): void {
  if (isJsonObject(call)) checkFunctionPayload(call, path, findings);
  else findings.add('ft.data-type', `"function_call" must be an object, not ${typeName(call)}`, path);
}

function checkFunctionPayload(fn: JsonObject, path: JsonPath, findings: Findings): void {
  const name = fn['name'];
  if (typeof name !== 'string' || name.length === 0) {
    findings.add(
      'ft.tool-call',
      'Function call needs a non-empty string "name"',
      name === undefined ? path : [...path, 'name'],
    );
  }
  if (!('arguments' in fn)) {
    findings.add('ft.tool-call', 'Function call is missing "arguments"', path);
    return;
  }
  const args = fn['arguments'];
  if (typeof args !== 'string') {
    findings.add(
      'ft.tool-arguments',
      `"arguments" must be a string holding JSON (use JSON.stringify), not ${typeName(args)}`,
      [...path, 'arguments'],
    );
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch (error) {
    findings.add('ft.tool-arguments', `"arguments" is not valid JSON: ${(error as Error).message}`, [
      ...path,
      'arguments',
    ]);
    return;
  }
  if (!isJsonObject(parsed)) {
    findings.add('ft.tool-arguments', `"arguments" must encode a JSON object, not ${typeName(parsed)}`, [
      ...path,
      'arguments',
    ]);
  }
}
