// The Evaluation page's results table, a page of rows at a time: the pager, the rows fetched from the host for the
// page shown, and which rows are expanded.
import type { EvaluationRow } from '../../src/protocol/evaluation';
import { element, formatCount } from '../shared/dom';
import type { EvaluationPageContext } from './pageContext';
import { resultsTable } from './resultsTable';

/** Rows per page of the table: a page is one request, and little enough DOM to draw at once. */
export const PAGE_SIZE = 50;

export class ResultsSection {
  readonly element = element('section', { 'aria-label': 'Results' });
  private page = 0;
  private rows: EvaluationRow[] = [];
  private readonly expanded = new Set<number>();

  constructor(private readonly context: EvaluationPageContext) {}

  /** Shows the page of rows numbered `page` (from 0). */
  async showPage(page: number): Promise<void> {
    this.page = page;
    await this.loadRows();
  }

  /** Fetches the rows of the page shown (the last page when the file has fewer now) and draws them. */
  async loadRows(): Promise<void> {
    const info = this.context.info();
    if (info === undefined) return;
    const pages = Math.max(1, Math.ceil(info.rowCount / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    try {
      this.rows = await this.context.host.request('rows', { start: this.page * PAGE_SIZE, count: PAGE_SIZE });
    } catch (error) {
      this.context.say((error as Error).message, true);
      return;
    }
    if (performance.getEntriesByName('evaluation:first-rows').length === 0) performance.mark('evaluation:first-rows');
    this.render();
  }

  private render(): void {
    const info = this.context.info();
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
    const { host } = this.context;
    const table = resultsTable(
      info.models,
      this.rows,
      this.expanded,
      (position) => {
        if (!this.expanded.delete(position)) this.expanded.add(position);
        this.render();
      },
      this.context.renderer,
      {
        saveChat: (position, model) => void this.context.save(() => host.request('saveChat', { position, model })),
        savePreference: (position, preferred, rejected) =>
          void this.context.save(() => host.request('savePreference', { position, preferred, rejected })),
      },
    );
    this.element.replaceChildren(pager, table);
  }
}
