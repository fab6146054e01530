import { type Findings, type JsonPath } from '../findings';
import { isJsonObject, typeName, type JsonObject } from '../jsonValue';

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks the tool-related top-level keys of an example or preference input (`owner` at `path`). */
export function checkToolFields(owner: JsonObject, path: JsonPath, findings: Findings): void {
  if ('tools' in owner) checkTools(owner['tools'], [...path, 'tools'], findings);
  if ('functions' in owner) checkFunctions(owner['functions'], [...path, 'functions'], findings);
  const parallel = owner['parallel_tool_calls'];
  if (parallel !== undefined && typeof parallel !== 'boolean') {
    findings.add('ft.data-type', `"parallel_tool_calls" must be true or false, not ${typeName(parallel)}`, [
      ...path,
      'parallel_tool_calls',
    ]);
  }
}

/** Checks a `tools` list at `path`: function tools with a name and a JSON Schema for their parameters. */
export function checkTools(tools: unknown, path: JsonPath, findings: Findings): void {
  if (!Array.isArray(tools)) {
    findings.add('ft.data-type', `"tools" must be an array, not ${typeName(tools)}`, path);
    return;
  }
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isJsonObject(tool)) {
      findings.add('ft.tool-definition', `Each tool must be an object, not ${typeName(tool)}`, [...path, i]);
      continue;
    }
    if (tool['type'] !== 'function')
      findings.add(
        'ft.tool-definition',
        'Tool "type" must be "function"',
        'type' in tool ? [...path, i, 'type'] : [...path, i],
      );
    const fn = tool['function'];
    if (isJsonObject(fn)) checkFunctionDefinition(fn, [...path, i, 'function'], findings);
    else findings.add('ft.tool-definition', 'Tool needs a "function" object with a "name"', [...path, i]);
  }
}

function checkFunctions(functions: unknown, path: JsonPath, findings: Findings): void {
  if (!Array.isArray(functions)) {
    findings.add('ft.data-type', `"functions" must be an array, not ${typeName(functions)}`, path);
    return;
  }
  for (let i = 0; i < functions.length; i++) {
    const fn: unknown = functions[i];
    if (isJsonObject(fn)) checkFunctionDefinition(fn, [...path, i], findings);
    else findings.add('ft.tool-definition', `Each function must be an object, not ${typeName(fn)}`, [...path, i]);
  }
}

function checkFunctionDefinition(fn: JsonObject, path: JsonPath, findings: Findings): void {
  const name = fn['name'];
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
    findings.add(
      'ft.tool-definition',
      'Function "name" must be 1-64 letters, digits, underscores or dashes',
      name === undefined ? path : [...path, 'name'],
    );
  }
  const description = fn['description'];
  if (description !== undefined && typeof description !== 'string') {
    findings.add('ft.data-type', `"description" must be a string, not ${typeName(description)}`, [
      ...path,
      'description',
    ]);
  }
  const parameters = fn['parameters'];
  if (parameters !== undefined && !isJsonObject(parameters)) {
    findings.add('ft.tool-definition', `"parameters" must be a JSON Schema object, not ${typeName(parameters)}`, [
      ...path,
      'parameters',
    ]);
  }
}
