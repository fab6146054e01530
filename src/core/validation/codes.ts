import type { Severity } from '../problem';

/** What the studio knows about a diagnostic code. */
export interface CodeInfo {
  /** Severity unless the user overrides it. */
  readonly defaultSeverity: Severity;
  /** Short name for settings, "fix all" titles and docs. */
  readonly title: string;
  /** True when `quickFixes` can offer a mechanical fix (for some or all instances). */
  readonly fixable: boolean;
}

const info = (defaultSeverity: Severity, title: string, fixable = false): CodeInfo => ({
  defaultSeverity,
  title,
  fixable,
});

const CODE_TABLE = {
  // Lines and bytes.
  'ft.json-syntax': info('error', 'Invalid JSON'),
  'ft.trailing-comma': info('error', 'Trailing comma', true),
  'ft.not-an-object': info('error', 'Line is not a JSON object'),
  'ft.blank-line': info('warning', 'Blank line', true),
  'ft.bom': info('error', 'Byte order mark', true),
  'ft.invalid-utf8': info('error', 'Invalid UTF-8'),
  'ft.line-too-long': info('error', 'Line too long to check'),
  'ft.nesting-too-deep': info('error', 'JSON nested too deeply'),
  'ft.duplicate-key': info('warning', 'Duplicate key in an object', true),
  'ft.lone-surrogate': info('error', 'Unpaired surrogate in a string', true),
  'ft.utf16': info('error', 'File is UTF-16, not UTF-8'),
  'ft.cr-line-endings': info('error', 'CR-only line endings'),
  'ft.other-format': info('error', 'File in another format (convert it)'),
  // The OpenAI cookbook's format checks (corrected for tool calls and images).
  'ft.data-type': info('error', 'Value has the wrong type'),
  'ft.missing-messages': info('error', 'Missing messages list'),
  'ft.message-missing-key': info('error', 'Message missing a required key'),
  'ft.message-unrecognized-key': info('error', 'Unrecognized message key', true),
  'ft.unrecognized-role': info('error', 'Unrecognized role'),
  'ft.missing-content': info('error', 'Missing content'),
  'ft.missing-assistant': info('error', 'No assistant message'),
  // Chat conversations.
  'ft.unknown-key': info('warning', 'Unknown top-level key', true),
  'ft.missing-key': info('error', 'Missing required key'),
  'ft.role-case': info('error', 'Role not in lowercase', true),
  'ft.consecutive-role': info('info', 'Consecutive turns with the same role'),
  'ft.last-not-assistant': info('warning', 'Last message not from the assistant'),
  'ft.blank-content': info('warning', 'Whitespace-only content'),
  'ft.weight-value': info('error', 'Weight not 0 or 1'),
  'ft.weight-role': info('error', 'Weight on a non-assistant message', true),
  'ft.tool-call': info('error', 'Malformed tool call'),
  'ft.tool-arguments': info('error', 'Tool call arguments not JSON'),
  'ft.tool-call-id': info('error', 'Tool result without a matching call'),
  'ft.tool-definition': info('error', 'Malformed tool definition'),
  'ft.content-part': info('error', 'Malformed content part'),
  'ft.image-url': info('error', 'Invalid image URL'),
  'ft.image-detail': info('error', 'Invalid image detail', true),
  'ft.too-many-images': info('error', 'Too many images in one example'),
  // Preference (DPO).
  'ft.preference-output': info('error', 'Preference output not one assistant message'),
  'ft.legacy-preference-key': info('warning', 'Old preference key spelling', true),
  'ft.identical-preference': info('warning', 'Preferred and non-preferred outputs are identical'),
  // Reinforcement (RFT).
  'ft.rft-last-message': info('error', 'RFT example not ending in a user turn'),
  'ft.rft-missing-reference': info('warning', 'Missing reference field'),
  // Legacy prompt/completion (the old prepare_data advice).
  'ft.completion-separator': info('warning', 'Prompts lack a common separator'),
  'ft.completion-leading-space': info('warning', 'Completion does not start with whitespace', true),
  'ft.completion-stop': info('warning', 'Completions lack a common stop sequence'),
  'ft.completion-empty': info('warning', 'Empty completion'),
  // Whole file.
  'ft.mixed-formats': info('error', 'Line in a different format than the file'),
  'ft.too-few-examples': info('error', 'Fewer than 10 examples'),
  'ft.duplicate-example': info('warning', 'Duplicate example'),
  'ft.conflicting-answers': info('warning', 'Same prompt, different answers'),
  // Tokens and models.
  'ft.token-limit': info('warning', 'Example over the token limit'),
  // The editor's summary when a file has more problems than VS Code lists.
  'ft.more-problems': info('info', 'More problems than listed'),
} satisfies Record<string, CodeInfo>;

/** A stable validation code; settings and quick fixes match on it. */
export type DiagnosticCode = keyof typeof CODE_TABLE;

/** The registry of every validation code. */
export const CODES: Readonly<Record<DiagnosticCode, CodeInfo>> = CODE_TABLE;

/** True for a code in {@link CODES} (settings may name codes that do not exist). */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}
