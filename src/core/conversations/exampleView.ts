import { isObject } from '../jsonl/jsonObject';
import { messageOf } from '../errors/messageOf';
import { shapeOf } from '../format/lineShape';
import { otherFormatOf } from '../format/otherFormat';
import { capped, cappedJson, boundedJson } from '../text/cappedJson';

/** A path into the line's JSON value, as jsonc-parser's `modify` takes it. */
export type JsonPath = readonly (string | number)[];

export interface TextPart {
  readonly kind: 'text';
  readonly text: string;
  /** path of the string value itself */
  readonly path: JsonPath;
}

export interface ImagePart {
  readonly kind: 'image';
  /** set only for a data:image/... URL */
  readonly src?: string;
  /** the remote URL, never loaded, shown as text */
  readonly remote?: string;
  readonly detail?: string;
}

export interface OtherPart {
  readonly kind: 'other';
  readonly type: string;
  /** pretty JSON, at most 2,000 chars */
  readonly json: string;
}

export type PartView = TextPart | ImagePart | OtherPart;

export interface ToolCallView {
  readonly id?: string;
  readonly name: string;
  /** pretty-printed when it parses, else as written */
  readonly arguments: string;
}

export interface MessageView {
  /** path of the message object, e.g. ['messages', 2] or ['preferred_output', 0] or ['input','messages',1] */
  readonly path: JsonPath;
  /** as written; '' when missing or not a string */
  readonly role: string;
  /**
   * String content: one TextPart at [...path, 'content']; an array: its parts (a text part's path is
   * [...path, 'content', i, 'text']); null or missing: none.
   */
  readonly parts: readonly PartView[];
  readonly name?: string;
  readonly toolCalls?: readonly ToolCallView[];
  readonly toolCallId?: string;
  /** as written when a number */
  readonly weight?: number;
  /** weight === 0: the model does not learn this turn */
  readonly dimmed: boolean;
}

export type ExampleView =
  | {
      readonly kind: 'chat';
      readonly messages: readonly MessageView[];
      /** pretty JSON of tools/functions */
      readonly tools?: string;
      /** pretty JSON of any other top-level keys (e.g. metadata), at most 2,000 chars */
      readonly extras?: string;
    }
  | {
      readonly kind: 'preference';
      readonly input: readonly MessageView[];
      readonly preferred: readonly MessageView[];
      readonly nonPreferred: readonly MessageView[];
      readonly tools?: string;
    }
  | {
      readonly kind: 'rft';
      readonly messages: readonly MessageView[];
      /** pretty JSON of the grader's fields */
      readonly reference?: string;
      readonly tools?: string;
    }
  | { readonly kind: 'completion'; readonly prompt: TextPart; readonly completion: TextPart }
  | {
      readonly kind: 'unreadable';
      /** "not valid JSON: …", "not a JSON object", "no messages, prompt or preferred_output" … */
      readonly reason: string;
      /** the line, at most 2,000 chars */
      readonly text: string;
    }
  | { readonly kind: 'blank' };

/** What filters and search need to know about an example, from its view. */
export interface ExampleFacts {
  readonly roles: readonly string[];
  readonly hasTools: boolean;
  readonly hasImages: boolean;
  /** Has a system or developer message (the developer role is the system role of newer models). */
  readonly hasSystem: boolean;
  /** every text a search should look in: message texts, tool call names and arguments, tools, completion prompt/completion */
  readonly texts: readonly string[];
}

/** Extras, reference fields, other parts and unreadable lines: enough to recognise them, not to flood the view. */
const SMALL_LIMIT = 2000;
/** Tool definitions are read as a whole, but a runaway schema must not cost more than a screenful or two. */
const TOOLS_LIMIT = 20_000;
/** Longer arguments are shown as written: parsing and re-indenting them is not worth it for every example. */
const ARGUMENTS_PARSE_LIMIT = 20_000;
const ARGUMENTS_PRETTY_LIMIT = 40_000;
const BOM = '\uFEFF';
const TOOL_KEYS: readonly string[] = ['tools', 'functions'];

/** Turns one JSONL line into plain data the Conversations view renders. Never throws. */
export function exampleView(lineText: string): ExampleView {
  const text = lineText.startsWith(BOM) ? lineText.slice(BOM.length) : lineText;
  if (isBlank(text)) return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return unreadable(`not valid JSON: ${messageOf(error)}`, text);
  }
  if (!isObject(value)) return unreadable('not a JSON object', text);
  switch (shapeOf(value)) {
    case 'chat':
      return chatView(value);
    case 'rft':
      return rftView(value);
    case 'preference':
      return preferenceView(value);
    case 'completion':
      return completionView(value, text);
    default: {
      const other = otherFormatOf(value);
      const reason = other ? `${other.label}, not an OpenAI format` : 'no messages, prompt or preferred_output';
      return unreadable(reason, text);
    }
  }
}

/** Blank when only JSON whitespace (and other white space) is left; stops at the first other character. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i] ?? '')) return false;
  return true;
}

function unreadable(reason: string, text: string): ExampleView {
  return { kind: 'unreadable', reason, text: capped(text, SMALL_LIMIT) };
}

function chatView(value: Record<string, unknown>): ExampleView {
  const tools = toolsOf(value);
  const extras = otherKeys(value, (key) => key === 'messages' || tools.keys.includes(key));
  return {
    kind: 'chat',
    messages: messageViews(value['messages'], ['messages']),
    ...(tools.text !== undefined && { tools: tools.text }),
    ...(extras !== undefined && { extras }),
  };
}

function rftView(value: Record<string, unknown>): ExampleView {
  const tools = toolsOf(value);
  // Every other top-level field is there for the grader (`{{ item.field }}`).
  const reference = otherKeys(value, (key) => key === 'messages' || tools.keys.includes(key));
  return {
    kind: 'rft',
    messages: messageViews(value['messages'], ['messages']),
    ...(reference !== undefined && { reference }),
    ...(tools.text !== undefined && { tools: tools.text }),
  };
}

function preferenceView(value: Record<string, unknown>): ExampleView {
  const input = value['input'];
  const inputObject = isObject(input) ? input : undefined;
  // Tools belong in the input; a line that puts them at the top level still shows them.
  const inputTools = inputObject ? toolsOf(inputObject) : undefined;
  const tools = inputTools?.text !== undefined ? inputTools : toolsOf(value);
  // The old key names still say which answer is which; the validator reports them.
  const preferredKey = 'preferred_output' in value ? 'preferred_output' : 'preferred_completion';
  const nonPreferredKey = 'non_preferred_output' in value ? 'non_preferred_output' : 'non_preferred_completion';
  return {
    kind: 'preference',
    input: inputObject ? messageViews(inputObject['messages'], ['input', 'messages']) : [],
    preferred: messageViews(value[preferredKey], [preferredKey]),
    nonPreferred: messageViews(value[nonPreferredKey], [nonPreferredKey]),
    ...(tools.text !== undefined && { tools: tools.text }),
  };
}

function completionView(value: Record<string, unknown>, text: string): ExampleView {
  const prompt = value['prompt'];
  const completion = value['completion'];
  if (typeof prompt !== 'string') return unreadable(notAString('prompt', prompt), text);
  if (typeof completion !== 'string') return unreadable(notAString('completion', completion), text);
  return {
    kind: 'completion',
    prompt: { kind: 'text', text: prompt, path: ['prompt'] },
    completion: { kind: 'text', text: completion, path: ['completion'] },
  };
}

function notAString(key: string, value: unknown): string {
  return value === undefined ? `no "${key}"` : `"${key}" is not a string`;
}

/** The tool definitions an object offers (an empty or null list offers none), with the keys they were read from. */
function toolsOf(owner: Record<string, unknown>): { readonly keys: readonly string[]; readonly text?: string } {
  const keys = TOOL_KEYS.filter((key) => offers(owner[key]));
  if (keys.length === 0) return { keys };
  const key = keys[0] ?? 'tools';
  const shown = keys.length === 1 ? owner[key] : { tools: owner['tools'], functions: owner['functions'] };
  return { keys, text: cappedJson(shown, TOOLS_LIMIT) };
}

function offers(list: unknown): boolean {
  return list !== undefined && list !== null && !(Array.isArray(list) && list.length === 0);
}

/** Pretty JSON of the keys `skip` does not take, or undefined when there are none. */
function otherKeys(value: Record<string, unknown>, skip: (key: string) => boolean): string | undefined {
  // No prototype: a "__proto__" key is then an own property like any other, not the object's prototype.
  const others = Object.create(null) as Record<string, unknown>;
  let any = false;
  for (const key of Object.keys(value)) {
    if (skip(key)) continue;
    others[key] = value[key];
    any = true;
  }
  return any ? cappedJson(others, SMALL_LIMIT) : undefined;
}

/**
 * A list of messages; a single value where a list belongs is shown as one message at that path, and null or a
 * missing list as none, so nothing written is hidden.
 */
function messageViews(list: unknown, path: JsonPath): MessageView[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return [messageView(list, path)];
  const views: MessageView[] = [];
  for (let i = 0; i < list.length; i++) views.push(messageView(list[i], [...path, i]));
  return views;
}

function messageView(message: unknown, path: JsonPath): MessageView {
  if (!isObject(message)) return { path, role: '', parts: [otherPart('', message)], dimmed: false };
  const role = message['role'];
  const name = message['name'];
  const toolCallId = message['tool_call_id'];
  const weight = message['weight'];
  const toolCalls = toolCallViews(message);
  return {
    path,
    role: typeof role === 'string' ? role : '',
    parts: partViews(message['content'], [...path, 'content']),
    ...(typeof name === 'string' && { name }),
    ...(toolCalls.length > 0 && { toolCalls }),
    ...(typeof toolCallId === 'string' && { toolCallId }),
    ...(typeof weight === 'number' && { weight }),
    dimmed: weight === 0,
  };
}

function partViews(content: unknown, path: JsonPath): PartView[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ kind: 'text', text: content, path }];
  if (!Array.isArray(content)) return [otherPart('', content)];
  const parts: PartView[] = [];
  for (let i = 0; i < content.length; i++) parts.push(partView(content[i], [...path, i]));
  return parts;
}

function partView(part: unknown, path: JsonPath): PartView {
  if (!isObject(part)) return otherPart('', part);
  const type = typeof part['type'] === 'string' ? part['type'] : '';
  if (type === 'text' && typeof part['text'] === 'string')
    return { kind: 'text', text: part['text'], path: [...path, 'text'] };
  if (type === 'image_url') return imagePart(part) ?? otherPart(type, part);
  return otherPart(type, part);
}

/** An image part; a data URL of an image is shown, any other URL only named (the view loads nothing remote). */
function imagePart(part: Record<string, unknown>): ImagePart | undefined {
  const image = part['image_url'];
  // The OpenAI format nests the URL; a bare string URL is a common slip that still says which image is meant.
  const url = isObject(image) ? image['url'] : image;
  if (typeof url !== 'string') return undefined;
  const detail = isObject(image) ? image['detail'] : undefined;
  const shown = isDataImage(url) ? { src: url } : { remote: capped(url, SMALL_LIMIT) };
  return { kind: 'image', ...shown, ...(typeof detail === 'string' && { detail }) };
}

function isDataImage(url: string): boolean {
  return url.slice(0, 11).toLowerCase() === 'data:image/';
}

function otherPart(type: string, value: unknown): OtherPart {
  return { kind: 'other', type, json: cappedJson(value, SMALL_LIMIT) };
}

/** The message's `tool_calls` and its legacy `function_call`, in that order. */
function toolCallViews(message: Record<string, unknown>): ToolCallView[] {
  const views: ToolCallView[] = [];
  const calls = message['tool_calls'];
  if (Array.isArray(calls)) for (const call of calls) views.push(toolCallView(call));
  else if (calls !== undefined && calls !== null) views.push(toolCallView(calls));
  const legacy = message['function_call'];
  if (legacy !== undefined && legacy !== null) views.push(functionCallView(legacy));
  return views;
}

function toolCallView(call: unknown): ToolCallView {
  if (!isObject(call)) return { name: '', arguments: cappedJson(call, SMALL_LIMIT) };
  const id = call['id'];
  return { ...(typeof id === 'string' && { id }), ...functionCallView(call['function']) };
}

function functionCallView(call: unknown): ToolCallView {
  if (!isObject(call)) return { name: '', arguments: call === undefined ? '' : cappedJson(call, SMALL_LIMIT) };
  const name = call['name'];
  return { name: typeof name === 'string' ? name : '', arguments: argumentsText(call['arguments']) };
}

/** Arguments are a JSON string: re-indented when they parse and are not too long, else as written. */
function argumentsText(args: unknown): string {
  if (args === undefined) return '';
  if (typeof args !== 'string') return cappedJson(args, SMALL_LIMIT);
  if (args.length > ARGUMENTS_PARSE_LIMIT) return args;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return args;
  }
  // A scalar (a bare number or string) reads best as written.
  if (typeof parsed !== 'object' || parsed === null) return args;
  const pretty = boundedJson(parsed, ARGUMENTS_PRETTY_LIMIT);
  return pretty.complete ? pretty.text : args;
}

/** What filters and search need to know about an example, from its view. */
export function exampleFacts(view: ExampleView): ExampleFacts {
  const roles: string[] = [];
  const texts: string[] = [];
  let hasTools = false;
  let hasImages = false;
  let hasSystem = false;
  const addMessages = (messages: readonly MessageView[]): void => {
    for (const message of messages) {
      const role = message.role;
      const lower = role.toLowerCase();
      if (role !== '' && !roles.includes(role)) roles.push(role);
      if (lower === 'system' || lower === 'developer') hasSystem = true;
      if (lower === 'tool' || lower === 'function') hasTools = true;
      for (const part of message.parts) {
        if (part.kind === 'text') texts.push(part.text);
        else if (part.kind === 'image') hasImages = true;
      }
      for (const call of message.toolCalls ?? []) {
        hasTools = true;
        texts.push(call.name, call.arguments);
      }
    }
  };
  const addTools = (tools: string | undefined): void => {
    if (tools === undefined) return;
    hasTools = true;
    texts.push(tools);
  };
  switch (view.kind) {
    case 'chat':
    case 'rft':
      addMessages(view.messages);
      addTools(view.tools);
      break;
    case 'preference':
      addMessages(view.input);
      addMessages(view.preferred);
      addMessages(view.nonPreferred);
      addTools(view.tools);
      break;
    case 'completion':
      texts.push(view.prompt.text, view.completion.text);
      break;
    case 'unreadable':
    case 'blank':
      break;
  }
  return { roles, hasTools, hasImages, hasSystem, texts };
}
