import type { ModelSummary, Standings } from '../../src/protocol/evaluation';
import { element, formatCount } from '../shared/dom';
import { duration, percent, winRateText } from './format';

/** The per-model metrics table; each model's row has a Distil button. */
export function metricsTable(summaries: readonly ModelSummary[], onDistil: (label: string) => void): HTMLElement {
  const head = element(
    'tr',
    {},
    ...[
      'Model',
      'Answered',
      'Errors',
      'Exact match',
      'Token F1',
      'Answer length (mean / median chars)',
      'Latency p50 / p95',
      'Tokens (prompt / completion)',
      'Cut off',
      '',
    ].map((title) => element('th', { scope: 'col' }, title)),
  );
  const rows = summaries.map((summary) => {
    const distil = element(
      'button',
      { type: 'button', title: `Save ${summary.label}'s answers as a chat dataset` },
      'Distil',
    );
    distil.addEventListener('click', () => onDistil(summary.label));
    return element(
      'tr',
      {},
      element('th', { scope: 'row' }, summary.label),
      element('td', {}, `${formatCount(summary.answered)} / ${formatCount(summary.prompts)}`),
      element('td', summary.errors > 0 ? { class: 'error' } : {}, formatCount(summary.errors)),
      element('td', {}, percent(summary.exactMatchRate)),
      element('td', {}, summary.meanF1 === null ? '–' : summary.meanF1.toFixed(3)),
      element(
        'td',
        {},
        summary.answerChars === null
          ? '–'
          : `${formatCount(Math.round(summary.answerChars.mean))} / ${formatCount(summary.answerChars.median)}`,
      ),
      element(
        'td',
        {},
        summary.latencyMs === null ? '–' : `${duration(summary.latencyMs.p50)} / ${duration(summary.latencyMs.p95)}`,
      ),
      element(
        'td',
        {},
        summary.tokens.reported === 0
          ? '–'
          : `${formatCount(summary.tokens.prompt)} / ${formatCount(summary.tokens.completion)}`,
      ),
      element('td', summary.truncated > 0 ? { class: 'warning' } : {}, formatCount(summary.truncated)),
      element('td', {}, distil),
    );
  });
  return element(
    'table',
    { class: 'metrics', 'aria-label': 'Metrics per model' },
    element('thead', {}, head),
    element('tbody', {}, ...rows),
  );
}

/** Win rates of each pair of models: wins, losses, ties, both bad and the rate with its 95% interval. */
export function standingsTable(label: string, all: readonly Standings[]): HTMLElement {
  if (all.length === 0) return element('p', { class: 'muted' }, `No ${label.toLowerCase()} yet.`);
  const head = element(
    'tr',
    {},
    ...['Pair', 'Model', 'Wins', 'Losses', 'Ties', 'Both bad', 'Skipped', 'Win rate (95% interval)'].map((title) =>
      element('th', { scope: 'col' }, title),
    ),
  );
  const rows = all.flatMap((pair) =>
    pair.records.map((record) =>
      element(
        'tr',
        {},
        element('td', {}, `${pair.a} vs ${pair.b}`),
        element('th', { scope: 'row' }, record.label),
        element('td', {}, String(record.wins)),
        element('td', {}, String(record.losses)),
        element('td', {}, String(record.ties)),
        element('td', {}, String(record.bothBad)),
        element('td', {}, String(record.skipped)),
        element('td', {}, winRateText(record)),
      ),
    ),
  );
  return element(
    'table',
    { class: 'standings', 'aria-label': label },
    element('thead', {}, head),
    element('tbody', {}, ...rows),
  );
}
