import type {
  EvaluationHostEvents,
  EvaluationInfo,
  EvaluationRequests,
  EvaluationRow,
  JudgeProgress,
  ReviewItem,
  VoteChoice,
} from '../../src/protocol/evaluation';
import { element, formatCount } from '../shared/dom';
import type { HostClient } from '../shared/hostClient';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { metricsTable, standingsTable } from './metricsView';
import { resultsTable } from './resultsTable';
import { lastVoteView, reviewItemView, voteOfKey } from './reviewView';

/** Rows per page of the table: a page is one request, and little enough DOM to draw at once. */
export const PAGE_SIZE = 50;

export interface EvaluationPageOptions {
  readonly host: HostClient<EvaluationRequests, EvaluationHostEvents>;
  readonly root: HTMLElement;
  readonly renderer: MarkdownRenderer;
  /** Keeps what a restored page needs (the results file's URI). */
  readonly persist: (state: { uri: string }) => void;
  /** Where review keys are heard (the document). */
  readonly keys: Pick<Document, 'addEventListener'>;
}

/**
 * The Evaluation page: the results table (paged from the host), metrics per model, the LLM judge and blind review.
 * Every number comes from the host; model output is shown only through the safe markdown renderer or as text.
 */
export class EvaluationPage {
  private info: EvaluationInfo | undefined;
  private page = 0;
  private rows: EvaluationRow[] = [];
  private readonly expanded = new Set<number>();
  private modelA = 0;
  private modelB = 1;
  private review: ReviewItem | undefined;
  private judging: AbortController | undefined;
  private rubric: string | undefined;
  /** The judge picked, kept across renders (an info event redraws the section). */
  private judgeConnection: string | undefined;
  private judgeModel = '';
  /** Models listed per connection, asked once each. */
  private readonly listedModels = new Map<string, Promise<string[]>>();

  private readonly status = element('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly header = element('header');
  private readonly metrics = element('section', { 'aria-label': 'Metrics' });
  private readonly compare = element('section', { class: 'compare', 'aria-label': 'Compare two models' });
  private readonly judgeSection = element('section', { 'aria-label': 'LLM as judge' });
  private readonly reviewSection = element('section', { 'aria-label': 'Blind review' });
  private readonly reviewArea = element('div', { class: 'review-area' });
  private readonly lastVote = element('div');
  /** Kept across renders: a run's progress goes on showing when an info event redraws the section. */
  private readonly judgeProgress = element('span', { class: 'progress', role: 'status' });
  private readonly table = element('section', { 'aria-label': 'Results' });

  constructor(private readonly options: EvaluationPageOptions) {
    options.host.on('info', (info) => {
      this.info = info;
      this.renderAll();
      void this.loadRows();
    });
    options.keys.addEventListener('keydown', (event) => this.onKey(event));
  }

  async start(): Promise<void> {
    // Marks for the bench's first-screen breakdown (cheap, and visible in a performance profile).
    performance.mark('evaluation:start');
    const { root } = this.options;
    root.replaceChildren(
      this.header,
      this.status,
      element('h2', {}, 'Metrics'),
      this.metrics,
      element('h2', {}, 'Compare two models'),
      this.compare,
      this.judgeSection,
      this.reviewSection,
      element('h2', {}, 'Results'),
      this.table,
    );
    try {
      this.info = await this.options.host.request('info', {});
      performance.mark('evaluation:info');
    } catch (error) {
      this.say((error as Error).message, true);
      root.setAttribute('aria-busy', 'false');
      return;
    }
    this.options.persist({ uri: this.info.resultsUri });
    this.renderAll();
    await this.loadRows();
    root.setAttribute('aria-busy', 'false');
  }

  /** Shows the page of rows holding `position`. */
  async showPage(page: number): Promise<void> {
    this.page = page;
    await this.loadRows();
  }

  private async loadRows(): Promise<void> {
    const info = this.info;
    if (info === undefined) return;
    const pages = Math.max(1, Math.ceil(info.rowCount / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    try {
      this.rows = await this.options.host.request('rows', { start: this.page * PAGE_SIZE, count: PAGE_SIZE });
    } catch (error) {
      this.say((error as Error).message, true);
      return;
    }
    if (performance.getEntriesByName('evaluation:first-rows').length === 0) performance.mark('evaluation:first-rows');
    this.renderTable();
  }

  private renderAll(): void {
    const info = this.info;
    if (info === undefined) return;
    if (this.modelA >= info.models.length) this.modelA = 0;
    if (this.modelB >= info.models.length || this.modelB === this.modelA) this.modelB = this.modelA === 0 ? 1 : 0;
    this.rubric ??= info.defaultRubric;
    const bad = info.badLines > 0 ? ` · ${formatCount(info.badLines)} lines are not result records` : '';
    const counts = info.reading
      ? `Reading the file (${readPercent(info.reading)}%) · the first ${formatCount(info.rowCount)} prompts so far`
      : `${formatCount(info.rowCount)} prompts · ${info.models.length} models${bad}`;
    this.header.replaceChildren(
      element('h1', {}, `Evaluation — ${info.fileName}`),
      element('p', { class: 'muted', role: 'status' }, counts),
    );
    this.metrics.replaceChildren(
      info.summaries
        ? metricsTable(info.summaries, (label) => void this.distil(info.models.indexOf(label)))
        : element('p', { class: 'muted', role: 'status' }, 'Computing the metrics…'),
    );
    this.renderCompare();
    this.renderJudge();
    this.renderReview();
  }

  private renderCompare(): void {
    const info = this.info!;
    if (info.models.length < 2) {
      this.compare.replaceChildren(element('p', { class: 'muted' }, 'Comparing needs a run with two models or more.'));
      return;
    }
    const select = (value: number, label: string, set: (index: number) => void) => {
      const node = element(
        'select',
        { 'aria-label': label },
        ...info.models.map((model, index) => {
          const option = element('option', { value: String(index) }, model);
          if (index === value) option.setAttribute('selected', '');
          return option;
        }),
      ) as HTMLSelectElement;
      node.addEventListener('change', () => {
        set(Number(node.value));
        this.review = undefined;
        this.renderReview();
      });
      return node;
    };
    this.compare.replaceChildren(
      element(
        'p',
        {},
        select(this.modelA, 'Model A', (i) => (this.modelA = i)),
        ' versus ',
        select(this.modelB, 'Model B', (i) => (this.modelB = i)),
      ),
    );
  }

  private renderJudge(): void {
    const info = this.info!;
    if (!info.connections.some((c) => c.id === this.judgeConnection)) this.judgeConnection = info.connections[0]?.id;
    const connection = element(
      'select',
      { 'aria-label': 'Judge connection' },
      ...info.connections.map((c) => {
        const option = element('option', { value: c.id }, c.name);
        if (c.id === this.judgeConnection) option.setAttribute('selected', '');
        return option;
      }),
    ) as HTMLSelectElement;
    const list = element('datalist', { id: 'judge-models' });
    const model = element('input', {
      type: 'text',
      'aria-label': 'Judge model',
      placeholder: 'Judge model, e.g. gpt-4o',
      list: 'judge-models',
    }) as HTMLInputElement;
    model.value = this.judgeModel;
    model.addEventListener('input', () => (this.judgeModel = model.value));
    const fillModels = async () => {
      const id = this.judgeConnection;
      if (id === undefined) return;
      let listed = this.listedModels.get(id);
      if (listed === undefined) {
        listed = this.options.host.request('judgeModels', { connection: id }).then(
          (answer) => answer.models,
          () => [],
        );
        this.listedModels.set(id, listed);
      }
      const models = await listed;
      if (id === this.judgeConnection)
        list.replaceChildren(...models.map((name) => element('option', { value: name })));
    };
    connection.addEventListener('change', () => {
      this.judgeConnection = connection.value;
      void fillModels();
    });
    const rubric = element('textarea', { 'aria-label': 'Rubric', rows: '6' }) as HTMLTextAreaElement;
    rubric.value = this.rubric ?? '';
    rubric.addEventListener('input', () => (this.rubric = rubric.value));
    const run = element('button', { type: 'button' }, 'Judge');
    const cancel = element('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const progress = this.judgeProgress;
    cancel.toggleAttribute('disabled', this.judging === undefined);
    run.toggleAttribute(
      'disabled',
      this.judging !== undefined || info.connections.length === 0 || info.models.length < 2,
    );
    cancel.addEventListener('click', () => this.judging?.abort());
    run.addEventListener('click', () => void this.judge(connection.value, model.value.trim(), rubric.value, progress));
    this.judgeSection.replaceChildren(
      element('h3', {}, 'LLM as judge'),
      info.connections.length === 0
        ? element('p', { class: 'muted' }, 'Add a connection to run a judge model.')
        : element('p', {}, connection, ' ', model, list),
      rubric,
      element('p', {}, run, ' ', cancel, ' ', progress),
      standingsTable('Judge verdicts', info.judged),
    );
    void fillModels();
  }

  private async judge(connection: string, model: string, rubric: string, progress: HTMLElement): Promise<void> {
    if (model === '') {
      this.say('Type the judge model.', true);
      return;
    }
    if (this.modelA === this.modelB) {
      this.say('Pick two different models to compare.', true);
      return;
    }
    const controller = new AbortController();
    this.judging = controller;
    this.renderJudgeButtons(true);
    const show = (p: JudgeProgress) =>
      (progress.textContent = `${p.done} of ${p.total} judged${p.failed > 0 ? `, ${p.failed} failed` : ''}`);
    try {
      const outcome = await this.options.host.request(
        'judge',
        { connection, model, rubric, a: this.modelA, b: this.modelB },
        { signal: controller.signal, onChunk: show },
      );
      const notes = [`Judged ${outcome.done} prompts`];
      if (outcome.resumed > 0) notes.push(`${outcome.resumed} judged before`);
      if (outcome.unanswered > 0) notes.push(`${outcome.unanswered} without both answers`);
      if (outcome.failed > 0) notes.push(`${outcome.failed} failed (${outcome.firstError ?? 'unknown error'})`);
      this.say(`${notes.join(', ')}.`, outcome.failed > 0);
    } catch (error) {
      this.say(
        controller.signal.aborted ? 'Judging cancelled; the verdicts so far are kept.' : (error as Error).message,
        !controller.signal.aborted,
      );
    } finally {
      this.judging = undefined;
      this.renderJudgeButtons(false);
    }
  }

  private renderJudgeButtons(running: boolean): void {
    const [run, cancel] = [...this.judgeSection.querySelectorAll('button')];
    run?.toggleAttribute('disabled', running);
    cancel?.toggleAttribute('disabled', !running);
  }

  private renderReview(): void {
    const info = this.info!;
    const start = element('button', { type: 'button' }, this.review ? 'Next comparison' : 'Start blind review');
    start.addEventListener('click', () => void this.nextReview(this.review?.position ?? -1));
    start.toggleAttribute('disabled', info.models.length < 2);
    this.reviewSection.replaceChildren(
      element('h3', {}, 'Blind review'),
      element(
        'p',
        { class: 'muted' },
        'The two answers are shown in a random order without their model. Keys: 1 / 2 (better), = (tie), 0 (both bad), s (skip).',
      ),
      start,
      this.lastVote,
      this.reviewArea,
      standingsTable('Human votes', info.voted),
    );
    if (this.review === undefined) this.reviewArea.replaceChildren();
  }

  private async nextReview(from: number): Promise<void> {
    try {
      const item = await this.options.host.request('reviewNext', { a: this.modelA, b: this.modelB, from });
      this.review = item ?? undefined;
      this.reviewArea.replaceChildren(
        item === null
          ? element('p', {}, 'Every prompt both models answered has a vote.')
          : reviewItemView(item, this.options.renderer, (choice) => void this.vote(choice)),
      );
    } catch (error) {
      this.say((error as Error).message, true);
    }
  }

  /** Casts a vote on the comparison shown, then shows the next one. */
  async vote(choice: VoteChoice): Promise<void> {
    const item = this.review;
    if (item === undefined) return;
    this.review = undefined;
    try {
      const result = await this.options.host.request('vote', { token: item.token, choice });
      const models = this.info?.models ?? [];
      this.lastVote.replaceChildren(
        lastVoteView(
          result,
          choice,
          (preferred, rejected) =>
            void this.save(() =>
              this.options.host.request('savePreference', {
                position: item.position,
                preferred: models.indexOf(preferred),
                rejected: models.indexOf(rejected),
              }),
            ),
        ),
      );
    } catch (error) {
      this.say((error as Error).message, true);
    }
    await this.nextReview(item.position);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.review === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as { tagName?: string } | null;
    if (target?.tagName !== undefined && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const choice = voteOfKey(event.key);
    if (choice === undefined) return;
    event.preventDefault();
    void this.vote(choice);
  }

  private renderTable(): void {
    const info = this.info;
    if (info === undefined) return;
    const pages = Math.max(1, Math.ceil(info.rowCount / PAGE_SIZE));
    const previous = element('button', { type: 'button', 'aria-label': 'Previous page' }, '‹ Previous');
    const next = element('button', { type: 'button', 'aria-label': 'Next page' }, 'Next ›');
    previous.toggleAttribute('disabled', this.page === 0);
    next.toggleAttribute('disabled', this.page >= pages - 1);
    previous.addEventListener('click', () => void this.showPage(this.page - 1));
    next.addEventListener('click', () => void this.showPage(this.page + 1));
    const first = this.page * PAGE_SIZE;
    const pager = element(
      'p',
      { class: 'pager' },
      previous,
      ` Prompts ${info.rowCount === 0 ? 0 : first + 1}–${Math.min(first + PAGE_SIZE, info.rowCount)} of ${formatCount(info.rowCount)} `,
      next,
    );
    const table = resultsTable(
      info.models,
      this.rows,
      this.expanded,
      (position) => {
        if (!this.expanded.delete(position)) this.expanded.add(position);
        this.renderTable();
      },
      this.options.renderer,
      {
        saveChat: (position, model) => void this.save(() => this.options.host.request('saveChat', { position, model })),
        savePreference: (position, preferred, rejected) =>
          void this.save(() => this.options.host.request('savePreference', { position, preferred, rejected })),
      },
    );
    this.table.replaceChildren(pager, table);
  }

  private async save(run: () => Promise<{ saved: false } | { saved: true; fileName: string; line: number }>) {
    try {
      const result = await run();
      if (result.saved) this.say(`Saved to ${result.fileName}, line ${result.line}.`);
    } catch (error) {
      this.say((error as Error).message, true);
    }
  }

  private async distil(model: number): Promise<void> {
    try {
      const result = await this.options.host.request('distil', { model });
      if (!result.saved) return;
      const left = result.left > 0 ? ` ${result.left} answers were left out: they would not validate.` : '';
      this.say(`Wrote ${formatCount(result.lines)} examples to ${result.fileName}.${left}`);
    } catch (error) {
      this.say((error as Error).message, true);
    }
  }

  private say(message: string, isError = false): void {
    this.status.textContent = message;
    this.status.classList.toggle('error', isError);
  }
}

function readPercent(reading: NonNullable<EvaluationInfo['reading']>): number {
  return reading.byteLength === 0 ? 0 : Math.floor((reading.bytesRead / reading.byteLength) * 100);
}
