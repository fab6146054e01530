// Everything of the job detail page except the chart: status, model, hyperparameters, files, checkpoints, the error
// (verbatim, as text), the overfitting warning and notices. Built with textContent only: every string here came from
// a server.
import type { FineTuneJob, Hyperparameter } from '../../src/core/jobs/job';
import type { JobCheckpoint, JobDetail } from '../../src/protocol/jobs';
import { element, formatCount } from '../shared/dom';

/** The page above the chart: its sections, in order (patchChildren keeps the ones that did not change). */
export function detailView(detail: JobDetail, latestStep: number | undefined): HTMLElement {
  const { job } = detail;
  const sections: HTMLElement[] = [];
  if (detail.notice) sections.push(element('p', { class: 'notice', role: 'status' }, detail.notice));
  if (job.error) sections.push(errorView(job.error));
  if (detail.warning) sections.push(warningView(detail.warning.message));
  sections.push(summaryTable(detail, latestStep));
  if (job.fineTunedModel && detail.deploymentNote)
    sections.push(element('p', { class: 'deployment', role: 'note' }, detail.deploymentNote));
  sections.push(element('h2', {}, 'Hyperparameters'), hyperparameterTable(job));
  sections.push(element('h2', {}, 'Files'), filesTable(job));
  if (Object.keys(job.metadata).length > 0) sections.push(element('h2', {}, 'Metadata'), metadataTable(job));
  sections.push(element('h2', {}, 'Checkpoints'), checkpointsView(detail.checkpoints));
  return element('div', { class: 'detail' }, ...sections);
}

function errorView(error: NonNullable<FineTuneJob['error']>): HTMLElement {
  const rows = [
    ...(error.code !== undefined ? [row('Code', error.code)] : []),
    row('Message', error.message),
    ...(error.param !== undefined ? [row('Parameter', error.param)] : []),
  ];
  return element(
    'section',
    { class: 'job-error', role: 'alert', 'aria-labelledby': 'job-error-title' },
    element('h2', { id: 'job-error-title' }, 'The job failed'),
    element('table', {}, element('tbody', {}, ...rows)),
  );
}

/** The warning's message names the best checkpoint's model already. */
function warningView(message: string): HTMLElement {
  return element(
    'p',
    { class: 'overfit', role: 'alert' },
    element('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }),
    message,
  );
}

function row(label: string, value: string | Node): HTMLElement {
  return element('tr', {}, element('th', { scope: 'row' }, label), element('td', {}, value));
}

function code(text: string): HTMLElement {
  return element('code', {}, text);
}

function dateText(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString();
}

function summaryTable(detail: JobDetail, latestStep: number | undefined): HTMLElement {
  const { job } = detail;
  const rows = [
    row('Status', element('span', { class: `status status-${cssToken(job.status)}` }, detail.statusLabel)),
    row('Connection', detail.connectionName),
    row('Job id', code(job.id)),
    row('Model', code(job.model)),
  ];
  if (job.fineTunedModel) rows.push(row('Fine-tuned model', code(job.fineTunedModel)));
  rows.push(row('Method', job.method));
  if (job.trainingType) rows.push(row('Training type', job.trainingType));
  if (latestStep !== undefined)
    rows.push(
      row(
        'Progress',
        detail.totalSteps
          ? `step ${formatCount(latestStep)} of ${formatCount(detail.totalSteps)}`
          : `step ${latestStep}`,
      ),
    );
  rows.push(row('Created', dateText(job.createdAt)));
  if (job.estimatedFinish && detail.unfinished) rows.push(row('Estimated finish', dateText(job.estimatedFinish)));
  if (job.finishedAt) rows.push(row('Finished', dateText(job.finishedAt)));
  if (job.trainedTokens !== undefined) rows.push(row('Trained tokens', formatCount(job.trainedTokens)));
  if (job.seed !== undefined) rows.push(row('Seed', String(job.seed)));
  return element('table', { class: 'summary', 'aria-label': 'Job' }, element('tbody', {}, ...rows));
}

function hyperparameterText(value: Hyperparameter | undefined): string {
  return value === undefined ? '—' : String(value);
}

function hyperparameterTable(job: FineTuneJob): HTMLElement {
  const h = job.hyperparameters;
  const rows = [
    row('Epochs', hyperparameterText(h.nEpochs)),
    row('Batch size', hyperparameterText(h.batchSize)),
    row('Learning rate multiplier', hyperparameterText(h.learningRateMultiplier)),
  ];
  if (h.beta !== undefined) rows.push(row('Beta', hyperparameterText(h.beta)));
  return element('table', { class: 'hyperparameters', 'aria-label': 'Hyperparameters' }, element('tbody', {}, ...rows));
}

function filesTable(job: FineTuneJob): HTMLElement {
  const rows = [row('Training file', code(job.trainingFile))];
  rows.push(row('Validation file', job.validationFile ? code(job.validationFile) : 'none'));
  rows.push(
    row(
      job.resultFiles.length === 1 ? 'Result file' : 'Result files',
      job.resultFiles.length === 0
        ? 'none yet'
        : element('span', {}, ...job.resultFiles.flatMap((id, i) => (i === 0 ? [code(id)] : [', ', code(id)]))),
    ),
  );
  return element('table', { class: 'files', 'aria-label': 'Files' }, element('tbody', {}, ...rows));
}

function metadataTable(job: FineTuneJob): HTMLElement {
  const rows = Object.entries(job.metadata).map(([key, value]) => row(key, value));
  return element('table', { class: 'metadata', 'aria-label': 'Metadata' }, element('tbody', {}, ...rows));
}

function lossText(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(4);
}

function checkpointsView(checkpoints: readonly JobCheckpoint[]): HTMLElement {
  if (checkpoints.length === 0) return element('p', { class: 'empty' }, 'No checkpoints yet.');
  const head = element(
    'tr',
    {},
    ...['Step', 'Model', 'Train loss', 'Valid loss', 'Full valid loss'].map((h) => element('th', { scope: 'col' }, h)),
  );
  const rows = [...checkpoints]
    .sort((a, b) => a.step - b.step)
    .map((c) =>
      element(
        'tr',
        {},
        element('td', {}, String(c.step)),
        element('td', {}, code(c.model)),
        element('td', {}, lossText(c.metrics.trainLoss)),
        element('td', {}, lossText(c.metrics.validLoss)),
        element('td', {}, lossText(c.metrics.fullValidLoss)),
      ),
    );
  return element(
    'table',
    { class: 'checkpoints', 'aria-label': 'Checkpoints' },
    element('thead', {}, head),
    element('tbody', {}, ...rows),
  );
}

/** A status as a class name part: unknown statuses come from the server, so only safe characters pass. */
function cssToken(text: string): string {
  return text.replace(/[^a-z0-9_-]/gi, '_');
}
