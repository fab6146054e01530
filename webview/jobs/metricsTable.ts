// The chart's data as a table, for screen readers and anyone who wants the numbers: a column per metric the job
// reports, a row per step.
import { METRIC_SERIES, type MetricSeries } from '../../src/core/jobs/metrics';
import type { StepMetrics } from '../../src/protocol/jobs';
import { plural } from '../../src/core/text/plural';
import { element } from '../shared/dom';

/** The series at least one step has (a job without validation data has no validation columns). */
export function reportedSeries(points: readonly StepMetrics[]): MetricSeries[] {
  return METRIC_SERIES.filter((series) => points.some((point) => point[series.field] !== undefined));
}

export function metricsTable(points: readonly StepMetrics[]): HTMLElement {
  if (points.length === 0) return element('p', { class: 'empty' }, 'No metrics yet.');
  const series = reportedSeries(points);
  const head = element(
    'tr',
    {},
    element('th', { scope: 'col' }, 'Step'),
    ...series.map((s) => element('th', { scope: 'col' }, s.label)),
  );
  const rows = points.map((point) =>
    element(
      'tr',
      {},
      element('th', { scope: 'row' }, String(point.step)),
      ...series.map((s) => element('td', {}, point[s.field]?.toFixed(4) ?? '')),
    ),
  );
  return element(
    'table',
    { class: 'metrics-table' },
    element('caption', {}, `Training metrics by step (${plural(points.length, 'step')})`),
    element('thead', {}, head),
    element('tbody', {}, ...rows),
  );
}
