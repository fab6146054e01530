// One example of the Conversations view as a card: its line, tokens, problems and actions, then the example as a chat.
// Text goes in with textContent or through the shared sanitising markdown renderer; an image is shown only from a
// data: URL, and a remote image's URL only as text, so nothing in a dataset makes the page load anything.
import type { ConversationRow, ExampleAction, RowProblem } from '../../src/protocol/conversations';
import type { ExampleView } from '../../src/core/conversations/exampleView';
import { element, formatCount } from '../shared/dom';
import { button, icon } from './cardControls';
import type { CardBuild, CardContext } from './cardContext';
import { messageList } from './messageView';
import { textBlock } from './textBlockView';

/**
 * Characters of markdown one card renders; its later texts show as plain text. Rendering costs far more than plain
 * text, and a chat of a hundred long turns must not cost one frame more than a budget of its own.
 */
export const CARD_MARKDOWN_BUDGET = 10_000;

export function cardView(row: ConversationRow, cardContext: CardContext): HTMLElement {
  const context: CardBuild = { ...cardContext, budget: { markdownLeft: CARD_MARKDOWN_BUDGET } };
  const card = element('div', {
    class: context.selected ? 'card selected' : 'card',
    role: 'listitem',
    'aria-selected': String(context.selected),
    'aria-posinset': String(row.position + 1),
    'aria-setsize': String(context.matches),
    'aria-label': `Line ${row.line + 1}`,
    'data-position': String(row.position),
    'data-line': String(row.line),
  });
  // Selection is marked in place (no card is built again), so a click in a control may select too.
  card.addEventListener('click', () => context.actions.select());
  card.append(header(row, context));
  if (context.error !== undefined) card.append(element('p', { class: 'card-error', role: 'alert' }, context.error));
  card.append(body(row.view, row.line, context));
  return card;
}

/** A light stand-in while a row loads, as tall as the row is thought to be. */
export function placeholderView(position: number, matches: number, height: number): HTMLElement {
  const placeholder = element(
    'div',
    {
      class: 'card placeholder',
      role: 'listitem',
      'aria-busy': 'true',
      'aria-posinset': String(position + 1),
      'aria-setsize': String(matches),
    },
    'Loading…',
  );
  placeholder.style.height = `${height}px`;
  return placeholder;
}

function header(row: ConversationRow, context: CardBuild): HTMLElement {
  const parts: HTMLElement[] = [element('span', { class: 'line-number' }, `Line ${formatCount(row.line + 1)}`)];
  const tokens = tokensView(row.tokens, context.tokenLimit);
  if (tokens) parts.push(tokens);
  const problems = row.problems.map((problem) => problemBadge(problem, context));
  if (problems.length > 0) parts.push(element('span', { class: 'problems' }, ...problems));
  parts.push(exampleActions(row, context));
  return element('div', { class: 'card-head' }, ...parts);
}

function tokensView(tokens: number | undefined, limit: number | undefined): HTMLElement | undefined {
  if (tokens === undefined) return undefined;
  const over = limit !== undefined && tokens > limit;
  const text =
    limit === undefined ? `${formatCount(tokens)} tokens` : `${formatCount(tokens)} / ${formatCount(limit)} tokens`;
  const attributes: Record<string, string> = { class: over ? 'tokens over' : 'tokens' };
  if (over) attributes.title = 'More tokens than the model takes in one example';
  return element('span', attributes, text);
}

const SEVERITY_ICONS: Readonly<Record<RowProblem['severity'], string>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  hint: 'lightbulb',
};

function problemBadge(problem: RowProblem, context: CardBuild): HTMLElement {
  const badge = element(
    'button',
    {
      type: 'button',
      class: `problem ${problem.severity}`,
      title: `${problem.message} (show in text)`,
      'aria-label': `${problem.severity} ${problem.code}: ${problem.message}. Show in text`,
    },
    icon(SEVERITY_ICONS[problem.severity]),
    element('span', { class: 'problem-code' }, problem.code),
    element('span', { class: 'problem-message' }, problem.message),
  );
  badge.addEventListener('click', () => context.actions.act('showInText'));
  return badge;
}

function exampleActions(row: ConversationRow, context: CardBuild): HTMLElement {
  const line = `line ${row.line + 1}`;
  const actions: [ExampleAction, string, string, string][] = [
    ['openInPlayground', 'comment-discussion', 'Playground', `Open ${line} in the playground`],
    ['showInText', 'go-to-file', 'Text', `Show ${line} in the text editor`],
  ];
  if (!context.readOnly)
    actions.push(
      ['duplicate', 'copy', 'Duplicate', `Duplicate ${line}`],
      ['delete', 'trash', 'Delete', `Delete ${line}`],
    );
  const buttons = actions.map(([action, codicon, text, label]) =>
    button(icon(codicon), text, label, () => context.actions.act(action), `action-${action}`),
  );
  return element('span', { class: 'card-actions' }, ...buttons);
}

function body(view: ExampleView, line: number, context: CardBuild): HTMLElement {
  const parts: HTMLElement[] = [];
  switch (view.kind) {
    case 'chat':
      parts.push(messageList(view.messages, line, context, ['messages']));
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      if (view.extras !== undefined) parts.push(jsonDetails('Other fields', view.extras));
      break;
    case 'rft':
      parts.push(messageList(view.messages, line, context, ['messages']));
      if (view.reference !== undefined) parts.push(jsonDetails('Reference (grader fields)', view.reference));
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      break;
    case 'preference':
      parts.push(messageList(view.input, line, context, undefined));
      parts.push(
        element(
          'div',
          { class: 'sides' },
          element(
            'section',
            { class: 'side preferred', 'aria-label': 'Preferred' },
            element('h3', {}, 'Preferred'),
            messageList(view.preferred, line, context, undefined),
          ),
          element(
            'section',
            { class: 'side non-preferred', 'aria-label': 'Non-preferred' },
            element('h3', {}, 'Non-preferred'),
            messageList(view.nonPreferred, line, context, undefined),
          ),
        ),
      );
      if (view.tools !== undefined) parts.push(jsonDetails('Tools', view.tools));
      break;
    case 'completion':
      parts.push(
        element(
          'div',
          { class: 'message completion-prompt' },
          element('div', { class: 'message-head' }, element('span', { class: 'role' }, 'Prompt')),
          textBlock(view.prompt, line, context),
        ),
        element(
          'div',
          { class: 'message completion' },
          element('div', { class: 'message-head' }, element('span', { class: 'role' }, 'Completion')),
          textBlock(view.completion, line, context),
        ),
      );
      break;
    case 'unreadable':
      parts.push(
        element('p', { class: 'unreadable' }, icon('warning'), `Cannot show this line as an example: ${view.reason}`),
        element('pre', { class: 'raw' }, view.text),
      );
      break;
    case 'blank':
      parts.push(element('p', { class: 'blank' }, 'Blank line'));
      break;
  }
  return element('div', { class: 'card-body' }, ...parts);
}

function jsonDetails(summary: string, json: string): HTMLElement {
  return element('details', { class: 'json' }, element('summary', {}, summary), element('pre', {}, json));
}
