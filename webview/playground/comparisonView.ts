// The bar under two compared columns: the vote (blind or not), what the vote revealed, and Save as preference; and the
// running blind tally shown in the toolbar.
import { element } from '../shared/dom';
import { VOTE_LABELS, formatTallyEntry, type Vote } from './comparison';
import { canVote, modelKey, type Column, type PlaygroundState } from './state';

export interface ComparisonViewContext {
  vote(vote: Vote): void;
  savePreference(): void;
  /** How a tally key (`connectionId/model`) is shown: the model, and its connection's name when there are several. */
  modelLabel(key: string): string;
}

export function comparisonView(state: PlaygroundState, context: ComparisonViewContext): HTMLElement | undefined {
  const comparison = state.comparison;
  if (!comparison) return undefined;
  const [a, b] = comparison.order.map((id) => state.columns.find((c) => c.id === id));
  if (!a || !b) return undefined;
  if (comparison.vote === undefined) {
    if (!canVote(state)) return undefined;
    const labels: Record<Vote, string> = comparison.blind
      ? VOTE_LABELS
      : {
          a: `${columnName(state, a)} is better`,
          b: `${columnName(state, b)} is better`,
          tie: 'Tie',
          bothBad: 'Both are bad',
        };
    const buttons = (Object.keys(labels) as Vote[]).map((vote) => {
      const button = element('vscode-button', { secondary: '', 'aria-label': labels[vote] }, labels[vote]);
      button.addEventListener('click', () => context.vote(vote));
      return button;
    });
    return element(
      'div',
      { class: 'comparison', role: 'group', 'aria-label': 'Which reply is better?' },
      element('span', {}, comparison.blind ? 'Which is better? (models hidden until you vote)' : 'Which is better?'),
      ...buttons,
    );
  }
  const parts: (HTMLElement | string)[] = [];
  const verdict = comparison.blind
    ? `You voted “${VOTE_LABELS[comparison.vote]}”. A was ${context.modelLabel(modelKey(a))}, B was ${context.modelLabel(modelKey(b))}.`
    : `You voted: ${comparison.vote === 'a' ? `${columnName(state, a)} is better` : comparison.vote === 'b' ? `${columnName(state, b)} is better` : VOTE_LABELS[comparison.vote]}.`;
  parts.push(element('span', { role: 'status' }, verdict));
  if (comparison.savedTo !== undefined)
    parts.push(element('span', { role: 'status' }, `Saved to ${comparison.savedTo}.`));
  else if (comparison.vote === 'a' || comparison.vote === 'b') {
    const save = element(
      'vscode-button',
      { 'aria-label': 'Save the vote as a preference example' },
      'Save as preference (DPO)',
    );
    save.addEventListener('click', () => context.savePreference());
    parts.push(save);
  }
  return element('div', { class: 'comparison', role: 'group', 'aria-label': 'Comparison' }, ...parts);
}

/** The running blind tally, one line per model pair. */
export function tallyView(state: PlaygroundState, modelLabel: (key: string) => string): HTMLElement | undefined {
  if (state.tally.length === 0) return undefined;
  return element(
    'details',
    { class: 'tally' },
    element(
      'summary',
      {},
      `Blind votes (${state.tally.reduce((sum, e) => sum + e.wins[0] + e.wins[1] + e.ties + e.bothBad, 0)})`,
    ),
    ...state.tally.map((entry) => element('p', {}, formatTallyEntry(entry, modelLabel))),
  );
}

function columnName(state: PlaygroundState, column: Column): string {
  return `Column ${state.columns.indexOf(column) + 1}`;
}
