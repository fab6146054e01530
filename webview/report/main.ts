// The Dataset Report: statistics, token distribution, cost and problem counts for one dataset file. Renders from the
// `report` event; asks the host to switch model or reveal a line. Text is set with textContent only.
import '../shared/page.css';
import './main.css';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { DatasetReport, Distribution, ReportHostEvents, ReportRequests } from '../../src/protocol/report';
import { connectToHost } from '../shared/hostClient';
import { element, formatCount, formatUSD } from '../shared/dom';
import { histogramChart } from './histogram';

const host = connectToHost<ReportRequests, ReportHostEvents>();
const app = document.getElementById('app')!;
app.append(element('vscode-progress-ring', { 'aria-label': 'Computing report' }));

host.on('report', (report) => render(report));
host.on('failed', ({ message }) => {
  app.replaceChildren(element('p', { class: 'error', role: 'alert' }, message));
  app.setAttribute('aria-busy', 'false');
});

function render(report: DatasetReport): void {
  app.setAttribute('aria-busy', 'false');
  app.replaceChildren(
    element('header', {}, element('h1', {}, `Dataset Report — ${report.fileName}`), modelPicker(report)),
    summaryTable(report),
    element('h2', {}, 'Per example'),
    distributionTable(report),
    element('h2', {}, 'Total tokens per example'),
    histogramChart(report.histogram, report.tokenLimit),
    element('h2', {}, 'Problems'),
    problemsTable(report),
  );
}

function modelPicker(report: DatasetReport): HTMLElement {
  const select = element('vscode-single-select', { id: 'model', 'aria-label': 'Model', combobox: '' });
  for (const model of report.models) {
    const option = element('vscode-option', { value: model }, model);
    if (model === report.model) option.setAttribute('selected', '');
    select.append(option);
  }
  select.addEventListener('change', () => {
    const value = (select as HTMLElement & { value: string }).value;
    if (value && value !== report.model) void host.request('setModel', { model: value });
  });
  return element('label', { class: 'model' }, 'Model ', select);
}

function row(label: string, value: string): HTMLElement {
  return element('tr', {}, element('th', { scope: 'row' }, label), element('td', {}, value));
}

function summaryTable(report: DatasetReport): HTMLElement {
  const cost =
    report.estimatedCostUSD === undefined ? 'no price known for this model' : formatUSD(report.estimatedCostUSD);
  const rows = [
    row('Format', report.format),
    row('Examples', formatCount(report.examples)),
    row('Missing a system message', formatCount(report.missingSystem)),
    row('Missing a user message', formatCount(report.missingUser)),
    row(`Over the ${formatCount(report.tokenLimit)}-token limit`, formatCount(report.overLimit)),
    row('Billing tokens per epoch', formatCount(report.billingTokens)),
    row('Epochs (default heuristic)', String(report.epochs)),
    row('Charged tokens', formatCount(report.chargedTokens)),
    row('Estimated training cost', cost),
  ];
  const table = element('table', { class: 'summary' }, element('tbody', {}, ...rows));
  const source = report.priceSource
    ? element(
        'p',
        { class: 'source' },
        `Prices: ${report.priceSource} (as of ${report.priceAsOf ?? 'unknown'}); an estimate.`,
      )
    : element('span');
  return element('section', {}, table, source);
}

function distributionTable(report: DatasetReport): HTMLElement {
  const head = element(
    'tr',
    {},
    ...['', 'min', 'p5', 'median', 'mean', 'p95', 'max'].map((h) => element('th', { scope: 'col' }, h)),
  );
  const line = (label: string, d: Distribution) =>
    element(
      'tr',
      {},
      element('th', { scope: 'row' }, label),
      ...[d.min, d.p5, d.median, d.mean, d.p95, d.max].map((v) => element('td', {}, formatCount(v))),
    );
  return element(
    'table',
    { class: 'distribution' },
    element('thead', {}, head),
    element(
      'tbody',
      {},
      line('Messages', report.messagesPerExample),
      line('Total tokens', report.totalTokensPerExample),
      line('Assistant tokens', report.assistantTokensPerExample),
    ),
  );
}

function problemsTable(report: DatasetReport): HTMLElement {
  if (report.problems.length === 0) return element('p', { class: 'ok' }, 'No problems found.');
  const head = element(
    'tr',
    {},
    ...['Code', 'Severity', 'Count', 'Problem'].map((h) => element('th', { scope: 'col' }, h)),
  );
  const rows = report.problems.map((p) => {
    const link = element('a', { href: '#', title: `Go to line ${p.firstLine + 1}` }, p.code);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void host.request('revealLine', { line: p.firstLine });
    });
    return element(
      'tr',
      { class: p.severity },
      element('td', {}, link),
      element('td', {}, p.severity),
      element('td', {}, formatCount(p.count)),
      element('td', {}, p.title),
    );
  });
  return element('table', { class: 'problems' }, element('thead', {}, head), element('tbody', {}, ...rows));
}
