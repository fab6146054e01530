import type { EvaluationRow, PromptTurn } from '../../src/protocol/evaluation';
import { element } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { duration, preview } from './format';

/** What a row's buttons ask for. */
export interface RowActions {
  saveChat(position: number, model: number): void;
  savePreference(position: number, preferred: number, rejected: number): void;
}

/** The last user turn of a prompt: what the table's first column shows. */
export function lastUserTurn(turns: readonly PromptTurn[]): string {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i]!.role === 'user') return turns[i]!.content;
  return '';
}

/**
 * One page of the results table: a row per prompt (its last user turn, the reference, each model's answer, errors
 * marked). Clicking a row (or Enter on it) expands it below into the whole conversation and every answer rendered
 * as safe markdown, with the judge's verdicts and the save buttons.
 */
export function resultsTable(
  models: readonly string[],
  rows: readonly EvaluationRow[],
  expanded: ReadonlySet<number>,
  toggle: (position: number) => void,
  renderer: MarkdownRenderer,
  actions: RowActions,
): HTMLElement {
  const head = element(
    'tr',
    {},
    element('th', { scope: 'col' }, '#'),
    element('th', { scope: 'col' }, 'Prompt'),
    element('th', { scope: 'col' }, 'Reference'),
    ...models.map((label) => element('th', { scope: 'col' }, label)),
    element('th', { scope: 'col' }, 'Judge'),
  );
  const body = element('tbody');
  for (const row of rows) {
    const open = expanded.has(row.position);
    const tr = element(
      'tr',
      { class: 'row', tabindex: '0', 'aria-expanded': String(open), 'data-position': String(row.position) },
      element('td', { class: 'position' }, String(row.position + 1)),
      element('td', {}, preview(lastUserTurn(row.turns))),
      element('td', { class: 'reference' }, row.reference === undefined ? '–' : preview(row.reference)),
      ...row.answers.map((answer) =>
        answer === null
          ? element('td', { class: 'muted' }, '–')
          : answer.text === undefined
            ? element('td', { class: 'error', title: answer.error ?? '' }, `Error: ${preview(answer.error ?? '', 80)}`)
            : element(
                'td',
                answer.finishReason === 'length' ? { class: 'cut', title: 'Cut off by the token limit' } : {},
                preview(answer.text),
              ),
      ),
      verdictCell(row),
    );
    tr.addEventListener('click', () => toggle(row.position));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle(row.position);
      }
    });
    body.append(tr);
    if (open) {
      body.append(
        element(
          'tr',
          { class: 'detail' },
          element('td', { colspan: String(4 + models.length) }, rowDetail(models, row, renderer, actions)),
        ),
      );
    }
  }
  return element('table', { class: 'results', 'aria-label': 'Results' }, element('thead', {}, head), body);
}

/** A prompt read as chats: the conversation, the reference, each model's answer, verdicts and save buttons. */
export function rowDetail(
  models: readonly string[],
  row: EvaluationRow,
  renderer: MarkdownRenderer,
  actions: RowActions,
): HTMLElement {
  const conversation = element(
    'div',
    { class: 'conversation' },
    ...row.turns.map((turn) => message(turn.role, turn.content, renderer)),
  );
  const parts: HTMLElement[] = [element('p', { class: 'muted' }, `From ${row.source}`), conversation];
  if (row.reference !== undefined) parts.push(message('reference', row.reference, renderer));
  const answered: number[] = [];
  row.answers.forEach((answer, index) => {
    const label = models[index]!;
    if (answer === null) return;
    if (answer.text === undefined) {
      parts.push(element('div', { class: 'message error' }, element('h4', {}, label), answer.error ?? 'No answer.'));
      return;
    }
    answered.push(index);
    const save = element('button', { type: 'button' }, 'Save as chat example');
    save.addEventListener('click', () => actions.saveChat(row.position, index));
    const meta = `${duration(answer.latencyMs)}${answer.finishReason === 'length' ? ' · cut off by the token limit' : ''}`;
    parts.push(
      element(
        'div',
        { class: 'message answer' },
        element('h4', {}, label, ' ', element('span', { class: 'muted' }, meta)),
        element('div', { class: 'markdown' }, renderer.render(answer.text)),
        save,
      ),
    );
  });
  if (row.judgements.length > 0) {
    parts.push(
      element(
        'ul',
        { class: 'judgements', 'aria-label': 'Judge verdicts' },
        ...row.judgements.map((judgement) =>
          element(
            'li',
            {},
            `${judgement.a} vs ${judgement.b}: `,
            element('strong', {}, verdictText(judgement.winner)),
            ` — ${judgement.reason} (${judgement.judge})`,
          ),
        ),
      ),
    );
  }
  if (answered.length >= 2) parts.push(preferencePicker(models, answered, row.position, actions));
  return element('div', { class: 'row-detail' }, ...parts);
}

/** The judge's verdicts on the row in a word each ("tuned", "tie"), their reasons on hover. */
function verdictCell(row: EvaluationRow): HTMLElement {
  if (row.judgements.length === 0) return element('td', { class: 'muted' }, '–');
  return element(
    'td',
    { title: row.judgements.map((judgement) => judgement.reason).join('\n') },
    row.judgements.map((judgement) => verdictText(judgement.winner)).join('; '),
  );
}

function verdictText(winner: string | undefined): string {
  return winner === undefined ? 'unreadable' : winner === 'tie' ? 'tie' : `${winner} wins`;
}

function preferencePicker(
  models: readonly string[],
  answered: readonly number[],
  position: number,
  actions: RowActions,
): HTMLElement {
  const select = (chosen: number, name: string) =>
    element(
      'select',
      { 'aria-label': name },
      ...answered.map((index) => {
        const option = element('option', { value: String(index) }, models[index]!);
        if (index === chosen) option.setAttribute('selected', '');
        return option;
      }),
    ) as HTMLSelectElement;
  const preferred = select(answered[0]!, 'Preferred answer');
  const rejected = select(answered[1]!, 'Rejected answer');
  const save = element('button', { type: 'button' }, 'Save as preference pair');
  save.addEventListener('click', () =>
    actions.savePreference(position, Number(preferred.value), Number(rejected.value)),
  );
  return element('div', { class: 'preference' }, 'Prefer ', preferred, ' over ', rejected, ' ', save);
}

function message(role: string, text: string, renderer: MarkdownRenderer): HTMLElement {
  return element(
    'div',
    { class: `message ${role}` },
    element('h4', {}, role),
    element('div', { class: 'markdown' }, renderer.render(text)),
  );
}
