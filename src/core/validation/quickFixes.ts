import { lineRange, type Problem, type TextEdit } from '../problem';
import { LEGACY_PREFERENCE_KEYS } from './checks/preferenceExample';
import { hasProperty, parseLine, propertyRemoval, propertyWithKeyAt } from './propertyEdits';

/** One fix the user can apply: a title and the edits, in document coordinates. */
export interface QuickFix {
  readonly title: string;
  readonly edits: TextEdit[];
}

/**
 * The mechanical fixes for a problem, computed from the current text of its line. Each fix keeps the line valid
 * JSON (it was before, apart from the problem fixed). Returns no fix when the text no longer matches the problem
 * (the document changed since it was reported).
 */
export function quickFixes(problem: Problem, lineText: string): QuickFix[] {
  const line = problem.range.start.line;
  const start = problem.range.start.character;
  const end = problem.range.end.character;
  const replace = (title: string, from: number, to: number, newText: string): QuickFix[] => [
    { title, edits: [{ range: lineRange(line, from, to), newText }] },
  ];
  switch (problem.code) {
    case 'ft.blank-line':
      // Up to the start of the next line, so the line break goes too (editors clamp past the end of the document).
      return lineText.trim() === ''
        ? [
            {
              title: 'Delete blank line',
              edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }],
            },
          ]
        : [];
    case 'ft.bom':
      return lineText.charCodeAt(0) === 0xfeff ? replace('Remove byte order mark', 0, 1, '') : [];
    case 'ft.trailing-comma':
      return lineText[start] === ',' ? replace('Remove trailing comma', start, start + 1, '') : [];
    case 'ft.role-case':
      return lowercaseString(lineText.slice(start, end), (lower) =>
        replace(`Change role to ${JSON.stringify(lower)}`, start, end, JSON.stringify(lower)),
      );
    case 'ft.image-detail':
      return lowercaseString(lineText.slice(start, end), (lower) =>
        lower === 'low' || lower === 'high' || lower === 'auto'
          ? replace(`Change detail to ${JSON.stringify(lower)}`, start, end, JSON.stringify(lower))
          : [],
      );
    case 'ft.completion-leading-space':
      return lineText[start] === '"' && end > start + 1
        ? replace('Start the completion with a space', start + 1, start + 1, ' ')
        : [];
    case 'ft.legacy-preference-key':
      return legacyKeyFix(lineText, line, start);
    case 'ft.duplicate-key':
      return earlierDuplicateFix(lineText, line, start);
    case 'ft.lone-surrogate':
      // The problem covers one `\uD800`-style escape (6 characters) or one raw surrogate.
      return (end - start === 6 && /^\\u[dD][89a-fA-F]/.test(lineText.slice(start, end))) ||
        (end - start === 1 && /^\p{Cs}$/u.test(lineText.slice(start, end)))
        ? replace('Replace with U+FFFD (replacement character)', start, end, '\\ufffd')
        : [];
    case 'ft.unknown-key':
    case 'ft.message-unrecognized-key':
    case 'ft.weight-role':
      return removeKeyFix(lineText, line, start);
    default:
      return [];
  }
}

function lowercaseString(json: string, fix: (lower: string) => QuickFix[]): QuickFix[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  return typeof value === 'string' && value !== value.toLowerCase() ? fix(value.toLowerCase()) : [];
}

function removeKeyFix(lineText: string, line: number, character: number): QuickFix[] {
  const tree = parseLine(lineText);
  const property = tree === undefined ? undefined : propertyWithKeyAt(tree, character);
  if (tree === undefined || property === undefined) return [];
  const { start, end } = propertyRemoval(tree, property);
  const key = String(property.children?.[0]?.value);
  return [{ title: `Remove ${JSON.stringify(key)}`, edits: [{ range: lineRange(line, start, end), newText: '' }] }];
}

/** Removes the nearest earlier property with the same key: the API keeps the last value, so meaning is kept. */
function earlierDuplicateFix(lineText: string, line: number, character: number): QuickFix[] {
  const tree = parseLine(lineText);
  const property = tree === undefined ? undefined : propertyWithKeyAt(tree, character);
  const key = property?.children?.[0]?.value as unknown;
  const siblings = property?.parent?.children ?? [];
  const index = property === undefined ? -1 : siblings.indexOf(property);
  let earlier: (typeof siblings)[number] | undefined;
  for (let i = index - 1; i >= 0 && earlier === undefined; i--)
    if (siblings[i]?.children?.[0]?.value === key) earlier = siblings[i];
  if (tree === undefined || earlier === undefined) return [];
  const { start, end } = propertyRemoval(tree, earlier);
  const title = `Remove the earlier ${JSON.stringify(key)} (the API keeps this one)`;
  return [{ title, edits: [{ range: lineRange(line, start, end), newText: '' }] }];
}

function legacyKeyFix(lineText: string, line: number, character: number): QuickFix[] {
  const tree = parseLine(lineText);
  const property = tree === undefined ? undefined : propertyWithKeyAt(tree, character);
  const keyNode = property?.children?.[0];
  const current = typeof keyNode?.value === 'string' ? LEGACY_PREFERENCE_KEYS.get(keyNode.value) : undefined;
  if (tree === undefined || property === undefined || keyNode === undefined || current === undefined) return [];
  if (hasProperty(property.parent, current)) return removeKeyFix(lineText, line, character);
  const range = lineRange(line, tree.shift + keyNode.offset, tree.shift + keyNode.offset + keyNode.length);
  return [{ title: `Rename to ${JSON.stringify(current)}`, edits: [{ range, newText: JSON.stringify(current) }] }];
}
