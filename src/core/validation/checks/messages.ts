import { quote, type Findings, type JsonPath } from '../findings';
import { isJsonObject, typeName, type JsonObject } from '../jsonValue';
import { isBlankFrom } from '../whitespace';
import { checkContentParts } from './contentParts';
import type { ExampleState } from './exampleState';
import { checkFunctionCall, checkToolCalls } from './toolCalls';

/** The roles a chat message may have. */
export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

const ROLE_LIST = 'system, developer, user, assistant, tool or function';

function asRole(text: string): Role | undefined {
  switch (text) {
    case 'system':
    case 'developer':
    case 'user':
    case 'assistant':
    case 'tool':
    case 'function':
      return text;
    default:
      return undefined;
  }
}

/**
 * Checks one message (`base[index]`) and returns its role, or undefined when the role is missing or unusable (the
 * problem is reported). Miscased roles are reported and then checked as the role they name.
 */
export function checkMessage(
  message: unknown,
  base: JsonPath,
  index: number,
  findings: Findings,
  state: ExampleState,
): Role | undefined {
  if (!isJsonObject(message)) {
    findings.add('ft.data-type', `Each message must be an object, not ${typeName(message)}`, [...base, index]);
    return undefined;
  }
  const role = checkRole(message, base, index, findings);
  checkKeys(message, role, base, index, findings);
  if (role === 'assistant') checkAssistantFields(message, base, index, findings, state);
  if (role === 'tool') checkToolResult(message, base, index, findings, state);
  checkContent(message, role, base, index, findings, state);
  if ('name' in message && typeof message['name'] !== 'string') {
    findings.add('ft.data-type', `"name" must be a string, not ${typeName(message['name'])}`, [...base, index, 'name']);
  }
  return role;
}

function checkRole(message: JsonObject, base: JsonPath, index: number, findings: Findings): Role | undefined {
  if (!('role' in message)) {
    findings.add('ft.message-missing-key', 'Message is missing "role"', [...base, index]);
    return undefined;
  }
  const raw = message['role'];
  if (typeof raw !== 'string') {
    findings.add('ft.data-type', `"role" must be a string, not ${typeName(raw)}`, [...base, index, 'role']);
    return undefined;
  }
  const role = asRole(raw);
  if (role !== undefined) return role;
  const lower = asRole(raw.toLowerCase());
  if (lower !== undefined) {
    findings.add('ft.role-case', `Role ${quote(raw)} must be lowercase: ${quote(lower)}`, [...base, index, 'role']);
    return lower;
  }
  findings.add('ft.unrecognized-role', `Unrecognized role ${quote(raw)}; expected ${ROLE_LIST}`, [
    ...base,
    index,
    'role',
  ]);
  return undefined;
}

function checkKeys(
  message: JsonObject,
  role: Role | undefined,
  base: JsonPath,
  index: number,
  findings: Findings,
): void {
  for (const key in message) {
    switch (key) {
      case 'role':
      case 'content':
      case 'name':
        break;
      case 'weight':
        if (role !== undefined && role !== 'assistant') {
          findings.add(
            'ft.weight-role',
            `"weight" is only allowed on assistant messages, not ${role}`,
            [...base, index, key],
            'key',
          );
        }
        break;
      case 'tool_calls':
      case 'function_call':
      case 'refusal':
        if (role !== undefined && role !== 'assistant')
          wrongRole(key, 'assistant', role, [...base, index, key], findings);
        break;
      case 'tool_call_id':
        if (role !== undefined && role !== 'tool') wrongRole(key, 'tool', role, [...base, index, key], findings);
        break;
      default:
        findings.add(
          'ft.message-unrecognized-key',
          `Unrecognized message key ${quote(key)}; messages may have role, content, name, tool_calls, tool_call_id, function_call, refusal and weight`,
          [...base, index, key],
          'key',
        );
    }
  }
}

function wrongRole(key: string, allowed: Role, role: Role, path: JsonPath, findings: Findings): void {
  findings.add(
    'ft.message-unrecognized-key',
    `${quote(key)} is only allowed on ${allowed} messages, not ${role}`,
    path,
    'key',
  );
}

function checkAssistantFields(
  message: JsonObject,
  base: JsonPath,
  index: number,
  findings: Findings,
  state: ExampleState,
): void {
  const weight = message['weight'];
  if (weight !== undefined && weight !== 0 && weight !== 1) {
    const shown = typeof weight === 'number' ? String(weight) : typeName(weight);
    findings.add('ft.weight-value', `"weight" must be 0 or 1, not ${shown}`, [...base, index, 'weight']);
  }
  const toolCalls = message['tool_calls'];
  if (toolCalls !== undefined && toolCalls !== null)
    checkToolCalls(toolCalls, [...base, index, 'tool_calls'], findings, state);
  const functionCall = message['function_call'];
  if (functionCall !== undefined && functionCall !== null)
    checkFunctionCall(functionCall, [...base, index, 'function_call'], findings);
  const refusal = message['refusal'];
  if (refusal !== undefined && refusal !== null && typeof refusal !== 'string') {
    findings.add('ft.data-type', `"refusal" must be a string or null, not ${typeName(refusal)}`, [
      ...base,
      index,
      'refusal',
    ]);
  }
}

function checkToolResult(
  message: JsonObject,
  base: JsonPath,
  index: number,
  findings: Findings,
  state: ExampleState,
): void {
  const id = message['tool_call_id'];
  if (id === undefined) {
    findings.add('ft.tool-call-id', 'Tool message is missing "tool_call_id"', [...base, index]);
  } else if (typeof id !== 'string') {
    findings.add('ft.data-type', `"tool_call_id" must be a string, not ${typeName(id)}`, [
      ...base,
      index,
      'tool_call_id',
    ]);
  } else if (state.toolCallIds?.has(id) !== true) {
    findings.add('ft.tool-call-id', `tool_call_id ${quote(id)} matches no tool call of an earlier assistant message`, [
      ...base,
      index,
      'tool_call_id',
    ]);
  }
}

/** An assistant message that calls a tool or refuses may leave content out or null (the cookbook wrongly demands it). */
function contentIsOptional(message: JsonObject, role: Role | undefined): boolean {
  if (role !== 'assistant') return false;
  const present = (key: string): boolean => message[key] !== undefined && message[key] !== null;
  return present('tool_calls') || present('function_call') || present('refusal');
}

function checkContent(
  message: JsonObject,
  role: Role | undefined,
  base: JsonPath,
  index: number,
  findings: Findings,
  state: ExampleState,
): void {
  const content = message['content'];
  if (typeof content === 'string') {
    if (content.length === 0) {
      if (!contentIsOptional(message, role))
        findings.add('ft.missing-content', 'Content is empty', [...base, index, 'content']);
    } else if (isBlankFrom(content)) {
      findings.add('ft.blank-content', 'Content is only whitespace', [...base, index, 'content']);
    }
    return;
  }
  if (Array.isArray(content)) {
    if (content.length === 0) findings.add('ft.missing-content', 'Content has no parts', [...base, index, 'content']);
    else checkContentParts(content, [...base, index, 'content'], findings, state);
    return;
  }
  if (content === undefined) {
    if (!contentIsOptional(message, role))
      findings.add('ft.message-missing-key', 'Message is missing "content"', [...base, index]);
  } else if (content === null) {
    if (!contentIsOptional(message, role)) {
      findings.add(
        'ft.missing-content',
        'Content is null; only assistant messages with tool_calls or function_call may omit it',
        [...base, index, 'content'],
      );
    }
  } else {
    findings.add('ft.data-type', `"content" must be a string or an array of content parts, not ${typeName(content)}`, [
      ...base,
      index,
      'content',
    ]);
  }
}
