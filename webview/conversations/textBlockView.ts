// A text of an example as a block of a card (rendered markdown or plain, shortened when long), and the inline editor
// that takes its place while it is edited.
import type { TextPart } from '../../src/core/conversations/exampleView';
import { element, formatCount } from '../shared/dom';
import { button } from './cardControls';
import { isEditing, textKey, type CardBuild, type CardContext, type TextEditing } from './cardContext';
import { setText } from './messageEdits';

/** Longer texts show their start and a button to show them whole: a 50 KB message would stall a scrolling frame. */
export const TEXT_PREVIEW = 3000;

/** A text part: rendered or plain, shortened when long; its editor instead while it is edited. */
export function textBlock(part: TextPart, line: number, context: CardBuild): HTMLElement {
  if (isEditing(context, line, part.path)) return editorView(context.editing!, context);
  const key = textKey(line, part.path);
  const whole = part.text.length <= TEXT_PREVIEW || context.expanded.has(key);
  const text = whole ? part.text : part.text.slice(0, TEXT_PREVIEW);
  const plain = context.plain || text.length > context.budget.markdownLeft;
  const block = element('div', { class: plain ? 'text plain' : 'text' });
  if (plain) block.textContent = text;
  else {
    context.budget.markdownLeft -= text.length;
    // One block, one sanitiser pass: render() splits into blocks the way streaming must, which costs a pass each.
    block.append(context.renderer.renderBlock(text));
  }
  if (!context.readOnly) {
    block.title = 'Double-click to edit';
    block.addEventListener('dblclick', () => context.actions.startEditing(part.path, part.text));
  }
  if (whole) return block;
  const more = button(
    undefined,
    `Show all ${formatCount(part.text.length)} characters`,
    'Show the whole text',
    () => context.actions.expand(key),
    'expand',
  );
  return element('div', { class: 'long-text' }, block, more);
}

export function editorView(editing: TextEditing, context: CardContext): HTMLElement {
  const area = element('textarea', {
    class: 'text-editor',
    rows: String(Math.min(20, Math.max(3, editing.draft.split('\n').length + 1))),
    'aria-label': 'Message text (Ctrl+Enter saves, Escape cancels)',
  }) as HTMLTextAreaElement;
  area.value = editing.draft;
  area.addEventListener('input', () => context.actions.setDraft(area.value));
  const save = () => context.actions.edit(setText(editing.path, area.value));
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      context.actions.cancelEditing();
    }
  });
  return element(
    'div',
    { class: 'editor' },
    area,
    element(
      'div',
      { class: 'editor-actions' },
      button(undefined, 'Save', 'Save the text (Ctrl+Enter)', save, 'save'),
      button(undefined, 'Cancel', 'Cancel editing (Escape)', () => context.actions.cancelEditing(), 'cancel'),
    ),
  );
}
