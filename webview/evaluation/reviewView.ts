import type { ReviewItem, VoteChoice, VoteResult } from '../../src/protocol/evaluation';
import { element } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { winRateText } from './format';

/** The vote a key casts in blind review: 1, 2, = (tie), 0 (both bad), s (skip). */
export function voteOfKey(key: string): VoteChoice | undefined {
  switch (key) {
    case '1':
      return '1';
    case '2':
      return '2';
    case '=':
      return 'tie';
    case '0':
      return 'bothBad';
    case 's':
    case 'S':
      return 'skip';
    default:
      return undefined;
  }
}

const BUTTONS: readonly [VoteChoice, string, string][] = [
  ['1', 'Answer 1 is better', '1'],
  ['2', 'Answer 2 is better', '2'],
  ['tie', 'Tie', '='],
  ['bothBad', 'Both bad', '0'],
  ['skip', 'Skip', 's'],
];

/** One blind comparison: the conversation and two unlabeled answers, with the vote buttons and their keys. */
export function reviewItemView(
  item: ReviewItem,
  renderer: MarkdownRenderer,
  vote: (choice: VoteChoice) => void,
): HTMLElement {
  const answers = item.answers.map((text, index) =>
    element(
      'div',
      { class: 'message answer blind' },
      element('h4', {}, `Answer ${index + 1}`),
      element('div', { class: 'markdown' }, renderer.render(text)),
    ),
  );
  const buttons = BUTTONS.map(([choice, label, key]) => {
    const button = element(
      'button',
      { type: 'button', 'data-vote': choice, title: `Key: ${key}` },
      `${label} (${key})`,
    );
    button.addEventListener('click', () => vote(choice));
    return button;
  });
  return element(
    'div',
    { class: 'review-item' },
    element('p', { class: 'muted' }, `Prompt ${item.position + 1} · ${item.remaining} left to review`),
    element(
      'div',
      { class: 'conversation' },
      ...item.turns.map((turn) =>
        element(
          'div',
          { class: `message ${turn.role}` },
          element('h4', {}, turn.role),
          element('div', { class: 'markdown' }, renderer.render(turn.content)),
        ),
      ),
    ),
    ...(item.reference === undefined
      ? []
      : [
          element(
            'div',
            { class: 'message reference' },
            element('h4', {}, 'reference'),
            element('div', { class: 'markdown' }, renderer.render(item.reference)),
          ),
        ]),
    element('div', { class: 'blind-answers' }, ...answers),
    element('div', { class: 'vote-buttons', role: 'group', 'aria-label': 'Vote' }, ...buttons),
  );
}

/** What the last vote revealed, the running win rates, and (for a decided vote) a button to keep it as a DPO pair. */
export function lastVoteView(
  result: VoteResult,
  choice: VoteChoice,
  savePreference: (preferred: string, rejected: string) => void,
): HTMLElement {
  const [first, second] = result.revealed;
  const parts: (HTMLElement | string)[] = [`Last vote: answer 1 was ${first}, answer 2 was ${second}. `];
  parts.push(
    element(
      'span',
      { class: 'running' },
      result.standings.records.map((record) => `${record.label}: ${winRateText(record)}`).join(' · '),
    ),
  );
  if (choice === '1' || choice === '2') {
    const [preferred, rejected] = choice === '1' ? [first, second] : [second, first];
    const save = element('button', { type: 'button' }, 'Save as preference pair');
    save.addEventListener('click', () => savePreference(preferred, rejected));
    parts.push(' ', save);
  }
  return element('p', { class: 'last-vote', role: 'status' }, ...parts);
}
