import type {
  EvaluationHostEvents,
  EvaluationInfo,
  EvaluationRequests,
  SaveResult,
} from '../../src/protocol/evaluation';
import { element, formatCount } from '../shared/dom';
import type { HostClient } from '../shared/hostClient';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { BlindReviewSection } from './blindReviewSection';
import { ComparePicker } from './comparePicker';
import { headerView } from './headerView';
import { JudgeSection } from './judgeSection';
import { metricsTable } from './metricsView';
import type { EvaluationPageContext } from './pageContext';
import { ResultsSection } from './resultsSection';

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
 * The page holds the file's info, the header, the metrics and the status line; each other section has its own file.
 */
export class EvaluationPage {
  private info: EvaluationInfo | undefined;

  private readonly status = element('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly header = element('header');
  private readonly metrics = element('section', { 'aria-label': 'Metrics' });
  private readonly compare: ComparePicker;
  private readonly judge: JudgeSection;
  private readonly review: BlindReviewSection;
  private readonly results: ResultsSection;

  constructor(private readonly options: EvaluationPageOptions) {
    this.compare = new ComparePicker(() => this.review.restart());
    const context: EvaluationPageContext = {
      host: options.host,
      renderer: options.renderer,
      info: () => this.info,
      pair: this.compare,
      say: (message, isError) => this.say(message, isError),
      save: (run) => this.save(run),
    };
    this.judge = new JudgeSection(context);
    this.review = new BlindReviewSection(context);
    this.results = new ResultsSection(context);
    options.host.on('info', (info) => {
      this.info = info;
      this.renderAll();
      void this.results.loadRows();
    });
    options.keys.addEventListener('keydown', (event) => this.review.onKey(event));
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
      this.compare.element,
      this.judge.element,
      this.review.element,
      element('h2', {}, 'Results'),
      this.results.element,
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
    await this.results.loadRows();
    root.setAttribute('aria-busy', 'false');
  }

  private renderAll(): void {
    const info = this.info;
    if (info === undefined) return;
    this.header.replaceChildren(...headerView(info));
    this.metrics.replaceChildren(
      info.summaries
        ? metricsTable(info.summaries, (label) => void this.distil(info.models.indexOf(label)))
        : element('p', { class: 'muted', role: 'status' }, 'Computing the metrics…'),
    );
    this.compare.render(info.models);
    this.judge.render();
    this.review.render();
  }

  private async save(run: () => Promise<SaveResult>): Promise<void> {
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
