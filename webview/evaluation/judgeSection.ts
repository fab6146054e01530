// The Evaluation page's LLM-as-judge section: the judge's connection and model, the rubric, a run over the pair of
// models compared (its progress, Cancel) and the judge verdicts' standings.
import type { JudgeProgress } from '../../src/protocol/evaluation';
import { element } from '../shared/dom';
import { standingsTable } from './metricsView';
import type { EvaluationPageContext } from './pageContext';

export class JudgeSection {
  readonly element = element('section', { 'aria-label': 'LLM as judge' });
  private judging: AbortController | undefined;
  private rubric: string | undefined;
  /** The judge picked, kept across renders (an info event redraws the section). */
  private judgeConnection: string | undefined;
  private judgeModel = '';
  /** Models listed per connection, asked once each. */
  private readonly listedModels = new Map<string, Promise<string[]>>();
  /** Kept across renders: a run's progress goes on showing when an info event redraws the section. */
  private readonly judgeProgress = element('span', { class: 'progress', role: 'status' });

  constructor(private readonly context: EvaluationPageContext) {}

  render(): void {
    const info = this.context.info()!;
    this.rubric ??= info.defaultRubric;
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
        listed = this.context.host.request('judgeModels', { connection: id }).then(
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
    this.element.replaceChildren(
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
    const { pair } = this.context;
    if (model === '') {
      this.context.say('Type the judge model.', true);
      return;
    }
    if (pair.a === pair.b) {
      this.context.say('Pick two different models to compare.', true);
      return;
    }
    const controller = new AbortController();
    this.judging = controller;
    this.renderButtons(true);
    const show = (p: JudgeProgress) =>
      (progress.textContent = `${p.done} of ${p.total} judged${p.failed > 0 ? `, ${p.failed} failed` : ''}`);
    try {
      const outcome = await this.context.host.request(
        'judge',
        { connection, model, rubric, a: pair.a, b: pair.b },
        { signal: controller.signal, onChunk: show },
      );
      const notes = [`Judged ${outcome.done} prompts`];
      if (outcome.resumed > 0) notes.push(`${outcome.resumed} judged before`);
      if (outcome.unanswered > 0) notes.push(`${outcome.unanswered} without both answers`);
      if (outcome.failed > 0) notes.push(`${outcome.failed} failed (${outcome.firstError ?? 'unknown error'})`);
      this.context.say(`${notes.join(', ')}.`, outcome.failed > 0);
    } catch (error) {
      this.context.say(
        controller.signal.aborted ? 'Judging cancelled; the verdicts so far are kept.' : (error as Error).message,
        !controller.signal.aborted,
      );
    } finally {
      this.judging = undefined;
      this.renderButtons(false);
    }
  }

  private renderButtons(running: boolean): void {
    const [run, cancel] = [...this.element.querySelectorAll('button')];
    run?.toggleAttribute('disabled', running);
    cancel?.toggleAttribute('disabled', !running);
  }
}
