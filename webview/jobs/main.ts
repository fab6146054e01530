// The job detail page: the job's status, settings, files, error and checkpoints from the `detail` event, and the live
// chart (with its data table) from `metrics` events, merged by step. Asks the host only to refresh.
import '../shared/page.css';
import './main.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { mergeMetrics } from '../../src/core/jobs/metrics';
import {
  jobTitle,
  type JobDetail,
  type JobDetailHostEvents,
  type JobDetailRequests,
  type StepMetrics,
} from '../../src/protocol/jobs';
import { connectToHost } from '../shared/hostClient';
import { element } from '../shared/dom';
import { detailView } from './detailView';
import { MetricsChart } from './metricsChart';
import { metricsTable } from './metricsTable';
import { patchChildren } from './patchChildren';

const host = connectToHost<JobDetailRequests, JobDetailHostEvents>();
const app = document.getElementById('app')!;

let metrics: StepMetrics[] = [];
let detail: JobDetail | undefined;

const title = element('h1', {}, 'Job');
const refresh = element('vscode-button', { secondary: '', 'aria-label': 'Refresh the job now' }, 'Refresh');
refresh.addEventListener('click', () => void host.request('refresh', null));
const detailArea = element(
  'div',
  { class: 'detail-area' },
  element('vscode-progress-ring', { 'aria-label': 'Loading the job' }),
);
const chart = new MetricsChart();
const table = element('details', { class: 'data-table' }, element('summary', {}, 'Data table'));
// The table of a long job has thousands of rows: built only while it is open.
table.addEventListener('toggle', () => renderTable());

app.append(
  element('header', {}, title, refresh),
  detailArea,
  element(
    'section',
    { 'aria-labelledby': 'metrics-title' },
    element('h2', { id: 'metrics-title' }, 'Metrics'),
    chart.element,
    table,
  ),
);

host.on('detail', (next) => {
  detail = next;
  title.textContent = jobTitle(next.job);
  renderDetail();
});
host.on('metrics', ({ points, replace }) => {
  metrics = replace ? [...points] : mergeMetrics(points, metrics);
  chart.update(metrics);
  renderTable();
  // The progress row shows the latest step.
  renderDetail();
});
host.on('failed', ({ message }) => {
  app.setAttribute('aria-busy', 'false');
  detailArea.replaceChildren(element('p', { class: 'error', role: 'alert' }, message));
});

// The page may be loaded again (a reload of the webview): ask for everything once listening.
void host.request('refresh', null);

function renderDetail(): void {
  if (!detail) return;
  app.setAttribute('aria-busy', 'false');
  patchChildren(detailArea, [...detailView(detail, metrics.at(-1)?.step).children]);
}

function renderTable(): void {
  const summary = table.querySelector('summary')!;
  if (!(table as HTMLDetailsElement).open) {
    table.replaceChildren(summary);
    return;
  }
  table.replaceChildren(summary, metricsTable(metrics));
}
