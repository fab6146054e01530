// What a card of the Conversations view is built with: the page's state for it and the actions its controls call.
import type { ExampleAction, ExampleEdit } from '../../src/protocol/conversations';
import type { JsonPath } from '../../src/core/conversations/exampleView';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';

/** The text being edited, and the draft typed so far. */
export interface TextEditing {
  readonly line: number;
  readonly path: JsonPath;
  readonly draft: string;
}

/** What a card's controls do; bound to its row by the page. */
export interface CardActions {
  act(action: ExampleAction): void;
  edit(edit: ExampleEdit): void;
  startEditing(path: JsonPath, text: string): void;
  setDraft(text: string): void;
  cancelEditing(): void;
  /** Shows a long text whole. */
  expand(key: string): void;
  select(): void;
}

export interface CardContext {
  readonly renderer: MarkdownRenderer;
  /** Message text as typed (pre-wrap) instead of rendered markdown. */
  readonly plain: boolean;
  readonly tokenLimit: number | undefined;
  /** Editing controls are left out. */
  readonly readOnly: boolean;
  readonly selected: boolean;
  /** Position in the filtered list and its length, for screen readers. */
  readonly matches: number;
  readonly editing: TextEditing | undefined;
  /** The last edit or action on this example that failed. */
  readonly error: string | undefined;
  /** Keys (see textKey) of long texts shown whole. */
  readonly expanded: ReadonlySet<string>;
  readonly actions: CardActions;
}

/** A card's context while it is built: with what is left of its markdown budget. */
export type CardBuild = CardContext & { readonly budget: { markdownLeft: number } };

export function textKey(line: number, path: JsonPath): string {
  return `${line}:${path.join('/')}`;
}

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

/** Whether the text at `path` of the example on `line` is the one being edited. */
export function isEditing(context: CardContext, line: number, path: JsonPath): boolean {
  return context.editing !== undefined && context.editing.line === line && samePath(context.editing.path, path);
}
