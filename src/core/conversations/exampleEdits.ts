import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath } from './exampleView';

/** One change the Conversations view makes to an example shown as a chat. */
export type ExampleEdit =
  /** `path` must point at a string, or at a null `content` (which becomes the string). */
  | { readonly kind: 'setText'; readonly path: JsonPath; readonly text: string }
  /** Sets the message's "role", adding it as the first key when missing. */
  | { readonly kind: 'setRole'; readonly message: JsonPath; readonly role: string }
  /** Sets the message's "weight" (added as the last key when missing); null removes the key. */
  | { readonly kind: 'setWeight'; readonly message: JsonPath; readonly weight: 0 | 1 | null }
  /** Inserts {"role":…,"content":…} at `index` (0…length), spaced like the line after ':' and ','. */
  | {
      readonly kind: 'insertMessage';
      readonly list: JsonPath;
      readonly index: number;
      readonly role: string;
      readonly text: string;
    }
  | { readonly kind: 'deleteMessage'; readonly list: JsonPath; readonly index: number }
  /** Moves the element at `from` so it ends up at `to`; every element keeps its exact text. */
  | { readonly kind: 'moveMessage'; readonly list: JsonPath; readonly from: number; readonly to: number };

/** A replacement inside one line: UTF-16 offsets, end exclusive. */
export interface LineEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type LineEditResult =
  { readonly ok: true; readonly edit: LineEdit } | { readonly ok: false; readonly reason: string };

/** The line with the replacement made. */
export function applyLineEdit(lineText: string, edit: LineEdit): string {
  return lineText.slice(0, edit.start) + edit.newText + lineText.slice(edit.end);
}

/**
 * The one minimal replacement inside a JSONL line that makes `edit`: every byte outside it is kept, so key order,
 * spacing and escapes elsewhere stay as they were, and the line stays one line of valid JSON.
 */
export function exampleLineEdit(lineText: string, edit: ExampleEdit): LineEditResult {
  const line = parseStrict(lineText);
  if (line === undefined) return refuse('the line is not valid JSON');
  const result = editBody(line, edit);
  if (!result.ok) return result;
  // Offsets were computed on the text after a BOM; shift them back onto the line.
  const { start, end, newText } = result.edit;
  return { ok: true, edit: { start: start + line.shift, end: end + line.shift, newText } };
}

/** The line without its BOM, parsed; `shift` is the BOM's length. */
interface ParsedLine {
  readonly body: string;
  readonly root: Node;
  readonly shift: number;
  /** True when the line writes non-ASCII characters as \uXXXX (Python's ensure_ascii), so new strings should too. */
  readonly asciiOnly: boolean;
}

function parseStrict(lineText: string): ParsedLine | undefined {
  const shift = lineText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift === 0 ? lineText : lineText.slice(shift);
  // JSON.parse is the judge of valid JSON (jsonc-parser is more lenient); the tree gives the offsets.
  try {
    JSON.parse(body);
  } catch {
    return undefined;
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  if (root === undefined || errors.length > 0) return undefined;
  return { body, root, shift, asciiOnly: escapesNonAscii(body) };
}

/** An ASCII-only line with at least one \u escape of a non-ASCII character (an escaped backslash doesn't count). */
function escapesNonAscii(body: string): boolean {
  if (/[^\x00-\x7f]/.test(body)) return false;
  return /(?<!\\)(?:\\\\)*\\u(?:00[89a-f][0-9a-f]|0[1-9a-f][0-9a-f]{2}|[1-9a-f][0-9a-f]{3})/i.test(body);
}

function editBody(line: ParsedLine, edit: ExampleEdit): LineEditResult {
  switch (edit.kind) {
    case 'setText':
      return setText(line, edit.path, edit.text);
    case 'setRole':
      return setRole(line, edit.message, edit.role);
    case 'setWeight':
      return setWeight(line, edit.message, edit.weight);
    case 'insertMessage':
      return insertMessage(line, edit.list, edit.index, edit.role, edit.text);
    case 'deleteMessage':
      return deleteMessage(line, edit.list, edit.index);
    case 'moveMessage':
      return moveMessage(line, edit.list, edit.from, edit.to);
  }
}

function setText(line: ParsedLine, path: JsonPath, text: string): LineEditResult {
  const found = nodeAt(line.root, path);
  if (!found.ok) return found;
  const node = found.node;
  const nullContent = node.type === 'null' && path[path.length - 1] === 'content';
  if (node.type !== 'string' && !nullContent) return refuse(`${describe(path)} is not a string`);
  return replaceNode(node, quote(line, text));
}

function setRole(line: ParsedLine, messagePath: JsonPath, role: string): LineEditResult {
  if (role === '') return refuse('the role is empty');
  const found = objectAt(line.root, messagePath);
  if (!found.ok) return found;
  const value = quote(line, role);
  const existing = lastProperty(found.node, 'role');
  if (existing !== undefined) return replaceNode(valueOf(existing), value);
  // A new role goes first, where chat formats put it.
  const style = spacing(line, found.node);
  const entry = `${quote(line, 'role')}${style.colon}${value}`;
  const first = found.node.children?.[0];
  if (first === undefined) return insertAt(found.node.offset + 1, entry);
  return insertAt(first.offset, entry + style.comma);
}

function setWeight(line: ParsedLine, messagePath: JsonPath, weight: 0 | 1 | null): LineEditResult {
  const found = objectAt(line.root, messagePath);
  if (!found.ok) return found;
  const message = found.node;
  const weights = (message.children ?? []).filter((p) => keyOf(p) === 'weight');
  const existing = weights[weights.length - 1];
  if (weight === null) {
    // Removing the last of several would uncover an earlier one; one edit can't remove them all.
    if (weights.length > 1) return refuse(`${describe(messagePath)} has more than one weight`);
    // Nothing to remove: an empty replacement, so a toggle to "no weight" always succeeds.
    if (existing === undefined) return insertAt(message.offset + message.length - 1, '');
    return { ok: true, edit: { ...removal(message, existing), newText: '' } };
  }
  if (existing !== undefined) return replaceNode(valueOf(existing), String(weight));
  // A new weight goes last, after the content it weighs.
  const style = spacing(line, message);
  const entry = `${quote(line, 'weight')}${style.colon}${weight}`;
  const last = message.children?.[message.children.length - 1];
  if (last === undefined) return insertAt(message.offset + 1, entry);
  return insertAt(last.offset + last.length, style.comma + entry);
}

function insertMessage(
  line: ParsedLine,
  listPath: JsonPath,
  index: number,
  role: string,
  text: string,
): LineEditResult {
  if (role === '') return refuse('the role is empty');
  const found = arrayAt(line.root, listPath);
  if (!found.ok) return found;
  const elements = found.node.children ?? [];
  if (!isIndexIn(index, elements.length + 1)) return outOfRange(index, elements.length);
  const style = spacing(line, found.node);
  const message =
    `{${quote(line, 'role')}${style.colon}${quote(line, role)}${style.comma}` +
    `${quote(line, 'content')}${style.colon}${quote(line, text)}}`;
  const at = elements[index];
  if (at !== undefined) return insertAt(at.offset, message + style.comma);
  const last = elements[elements.length - 1];
  if (last === undefined) return insertAt(found.node.offset + 1, message);
  return insertAt(last.offset + last.length, style.comma + message);
}

function deleteMessage(line: ParsedLine, listPath: JsonPath, index: number): LineEditResult {
  const found = arrayAt(line.root, listPath);
  if (!found.ok) return found;
  const elements = found.node.children ?? [];
  const element = elements[index];
  if (element === undefined || !isIndexIn(index, elements.length)) return outOfRange(index, elements.length - 1);
  return { ok: true, edit: { ...removal(found.node, element), newText: '' } };
}

function moveMessage(line: ParsedLine, listPath: JsonPath, from: number, to: number): LineEditResult {
  const found = arrayAt(line.root, listPath);
  if (!found.ok) return found;
  const elements = found.node.children ?? [];
  if (!isIndexIn(from, elements.length)) return outOfRange(from, elements.length - 1);
  if (!isIndexIn(to, elements.length)) return outOfRange(to, elements.length - 1);
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  const span = elements.slice(low, high + 1);
  const first = span[0];
  const last = span[span.length - 1];
  if (first === undefined || last === undefined) return outOfRange(from, elements.length - 1);
  // Rewrite only the elements between the two positions; the separators between them stay where they were.
  const texts = span.map((node) => textOf(line, node));
  const moved = from < to ? [...texts.slice(1), texts[0]] : [texts[texts.length - 1], ...texts.slice(0, -1)];
  const newText = moved
    .map((text, i) => {
      const next = span[i + 1];
      const node = span[i];
      return next === undefined || node === undefined
        ? text
        : text + line.body.slice(node.offset + node.length, next.offset);
    })
    .join('');
  return { ok: true, edit: { start: first.offset, end: last.offset + last.length, newText } };
}

type Found = { readonly ok: true; readonly node: Node } | { readonly ok: false; readonly reason: string };

/** The node at `path`; for a repeated key, the last one (the one JSON.parse keeps). */
function nodeAt(root: Node, path: JsonPath): Found {
  let node = root;
  for (const [depth, segment] of path.entries()) {
    const child =
      typeof segment === 'number'
        ? node.type === 'array' && Number.isInteger(segment) && segment >= 0
          ? node.children?.[segment]
          : undefined
        : node.type === 'object'
          ? valueOfOptional(lastProperty(node, segment))
          : undefined;
    if (child === undefined) return refuse(`no value at ${describe(path.slice(0, depth + 1))}`);
    node = child;
  }
  return { ok: true, node };
}

function objectAt(root: Node, path: JsonPath): Found {
  const found = nodeAt(root, path);
  if (found.ok && found.node.type !== 'object') return refuse(`${describe(path)} is not an object`);
  return found;
}

function arrayAt(root: Node, path: JsonPath): Found {
  const found = nodeAt(root, path);
  if (found.ok && found.node.type !== 'array') return refuse(`${describe(path)} is not a list`);
  return found;
}

function lastProperty(object: Node, key: string): Node | undefined {
  return (object.children ?? []).filter((p) => keyOf(p) === key).pop();
}

function keyOf(property: Node): string | undefined {
  const key = property.children?.[0];
  return key?.type === 'string' ? String(key.value) : undefined;
}

function valueOfOptional(property: Node | undefined): Node | undefined {
  return property?.children?.[1];
}

/** A property's value node; jsonc-parser always gives a valid line's property a key and a value. */
function valueOf(property: Node): Node {
  return valueOfOptional(property) ?? property;
}

function textOf(line: ParsedLine, node: Node): string {
  return line.body.slice(node.offset, node.offset + node.length);
}

/**
 * What to delete to remove one element of an object or array and one adjacent separator, so it stays valid:
 * up to the next element when there is one, else back to the end of the previous one.
 */
function removal(container: Node, element: Node): { start: number; end: number } {
  const siblings = container.children ?? [element];
  const index = siblings.indexOf(element);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next !== undefined) return { start: element.offset, end: next.offset };
  if (previous !== undefined) return { start: previous.offset + previous.length, end: element.offset + element.length };
  return { start: element.offset, end: element.offset + element.length };
}

interface Spacing {
  /** What goes between a key and its value, e.g. ':' or ': '. */
  readonly colon: string;
  /** What goes between two elements, e.g. ',' or ', '. */
  readonly comma: string;
}

/** The line's separators, taken from near `near` first (then anywhere); compact when the line shows none. */
function spacing(line: ParsedLine, near: Node): Spacing {
  const colon =
    firstSeparator(line, near, colonBetween, /^[ \t]*:[ \t]*$/) ??
    firstSeparator(line, line.root, colonBetween, /^[ \t]*:[ \t]*$/) ??
    ':';
  const comma =
    firstSeparator(line, near, commaBetween, /^[ \t]*,[ \t]*$/) ??
    firstSeparator(line, line.root, commaBetween, /^[ \t]*,[ \t]*$/) ??
    // No two siblings anywhere: a line spaced after ':' (Python's json.dumps) is spaced after ',' too.
    (colon.endsWith(' ') ? ', ' : ',');
  return { colon, comma };
}

/** The gap between a property's key and its value. */
function colonBetween(line: ParsedLine, node: Node): string | undefined {
  const [key, value] = node.type === 'property' ? (node.children ?? []) : [];
  return key === undefined || value === undefined ? undefined : line.body.slice(key.offset + key.length, value.offset);
}

/** The gap between a container's first two children. */
function commaBetween(line: ParsedLine, node: Node): string | undefined {
  const [first, second] = node.type === 'object' || node.type === 'array' ? (node.children ?? []) : [];
  return first === undefined || second === undefined
    ? undefined
    : line.body.slice(first.offset + first.length, second.offset);
}

/** The first gap (depth first, iteratively so deep lines can't overflow the stack) that looks like a separator. */
function firstSeparator(
  line: ParsedLine,
  start: Node,
  gapAt: (line: ParsedLine, node: Node) => string | undefined,
  shape: RegExp,
): string | undefined {
  const pending: Node[] = [start];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const gap = gapAt(line, node);
    if (gap !== undefined && shape.test(gap)) return gap;
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as Node);
  }
  return undefined;
}

/**
 * A JSON string literal for `text`. U+2028/U+2029 are always escaped, since editors may show them as line breaks;
 * non-ASCII is escaped too when the line does that.
 */
function quote(line: ParsedLine, text: string): string {
  const json = JSON.stringify(text).replace(/[\u2028\u2029]/g, escapeUnit);
  return line.asciiOnly ? json.replace(/[^\x00-\x7f]/g, escapeUnit) : json;
}

function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function replaceNode(node: Node, newText: string): LineEditResult {
  return { ok: true, edit: { start: node.offset, end: node.offset + node.length, newText } };
}

function insertAt(offset: number, newText: string): LineEditResult {
  return { ok: true, edit: { start: offset, end: offset, newText } };
}

function isIndexIn(index: number, count: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < count;
}

function outOfRange(index: number, last: number): LineEditResult {
  return refuse(
    last < 0 ? `index ${index} is out of range (the list is empty)` : `index ${index} is out of range (0–${last})`,
  );
}

function refuse(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/** A path as a reader writes it: messages[2].content. */
function describe(path: JsonPath): string {
  if (path.length === 0) return 'the line';
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}
