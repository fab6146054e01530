// The Conversations view's toolbar: search, filters, the match count, problem navigation, go to line, the markdown
// toggle and the export menu. It owns the filter form; the page owns everything else.
import type { ConversationsInfo, ExampleFilter, MatchesTarget } from '../../src/protocol/conversations';
import { element, formatCount } from '../shared/dom';

export interface ToolbarHandlers {
  filterChanged(filter: ExampleFilter): void;
  nextProblem(direction: 1 | -1): void;
  /** Zero-based. */
  goToLine(line: number): void;
  setPlain(plain: boolean): void;
  exportMatches(target: MatchesTarget): void;
}

export interface ToolbarOptions {
  /** How long typing pauses before the filter is sent. */
  readonly debounceMs?: number;
}

/** Typing in a text field waits this long for the next key before filtering 100,000 lines again. */
export const FILTER_DEBOUNCE_MS = 150;

const EXPORTS: readonly [MatchesTarget, string][] = [
  ['newFile', 'Save matches to a new file…'],
  ['split', 'Split matches into train/validation…'],
  ['dedupe', 'Remove duplicates from matches…'],
  ['sample', 'Sample from matches…'],
];

/** A tri-state filter select: any, or true / false for the field. */
type Tristate = 'hasTools' | 'hasImages' | 'duplicates';

export class Toolbar {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly regex: HTMLButtonElement;
  private readonly caseSensitive: HTMLButtonElement;
  private readonly filterError: HTMLElement;
  private readonly problems: HTMLSelectElement;
  private readonly codes: HTMLInputElement;
  private readonly codeList: HTMLElement;
  private readonly role: HTMLSelectElement;
  private readonly tristates: Record<Tristate, HTMLSelectElement>;
  private readonly missingSystem: HTMLInputElement;
  private readonly minTokens: HTMLInputElement;
  private readonly maxTokens: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly status: HTMLElement;
  private readonly plainToggle: HTMLButtonElement;
  private readonly goTo: HTMLInputElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly debounceMs: number;
  private knownCodes = new Set<string>();
  private knownRoles = new Set<string>(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
  private plain: boolean;

  constructor(
    initial: { readonly filter: ExampleFilter; readonly plain: boolean },
    private readonly handlers: ToolbarHandlers,
    options: ToolbarOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? FILTER_DEBOUNCE_MS;
    this.plain = initial.plain;
    const filter = initial.filter;

    this.search = this.input('search', 'Search examples', 'Search (/)', filter.text ?? '');
    this.search.type = 'search';
    this.search.setAttribute('aria-describedby', 'filter-error');
    this.search.addEventListener('input', () => this.filterSoon());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.flushFilter();
      else if (event.key === 'Escape' && this.search.value !== '') {
        event.stopPropagation();
        this.search.value = '';
        this.flushFilter();
      }
    });
    this.regex = this.toggle('regex', '.*', 'Use regular expression', filter.regex === true);
    this.caseSensitive = this.toggle('match-case', 'Aa', 'Match case', filter.caseSensitive === true);
    this.filterError = element('span', { class: 'filter-error', role: 'alert', id: 'filter-error' });

    this.problems = this.select('problems', 'Problems', [
      ['', 'Problems: any'],
      ['any', 'With problems'],
      ['errors', 'With errors'],
      ['none', 'Clean (no problems)'],
    ]);
    this.problems.value = filter.problems ?? '';
    this.codeList = element('datalist', { id: 'problem-codes' });
    this.codes = this.input(
      'codes',
      'Problem codes (comma-separated)',
      'Problem code',
      (filter.codes ?? []).join(', '),
    );
    this.codes.setAttribute('list', 'problem-codes');
    this.codes.addEventListener('input', () => this.filterSoon());
    this.role = this.select('role', 'Has a message with role', [['', 'Any role']]);
    this.fillRoles(filter.role);
    this.tristates = {
      hasTools: this.select('tools', 'Tools', [
        ['', 'Tools: any'],
        ['true', 'With tools'],
        ['false', 'Without tools'],
      ]),
      hasImages: this.select('images', 'Images', [
        ['', 'Images: any'],
        ['true', 'With images'],
        ['false', 'Without images'],
      ]),
      duplicates: this.select('duplicates', 'Duplicates', [
        ['', 'Duplicates: any'],
        ['true', 'Duplicates only'],
        ['false', 'No duplicates'],
      ]),
    };
    for (const key of ['hasTools', 'hasImages', 'duplicates'] as const) {
      const value = filter[key];
      this.tristates[key].value = value === undefined ? '' : String(value);
    }
    this.missingSystem = element('input', {
      id: 'missing-system',
      type: 'checkbox',
      'aria-label': 'Missing a system message',
    }) as HTMLInputElement;
    this.missingSystem.checked = filter.missingSystem === true;
    this.missingSystem.addEventListener('change', () => this.flushFilter());
    this.minTokens = this.numberInput('min-tokens', 'Minimum tokens', 'min', filter.minTokens);
    this.maxTokens = this.numberInput('max-tokens', 'Maximum tokens', 'max', filter.maxTokens);

    this.count = element('span', { class: 'count', role: 'status', 'aria-live': 'polite' });
    this.status = element('span', { class: 'toolbar-status', role: 'status' });
    const previous = this.button('previous-problem', 'arrow-up', 'Previous problem (Shift+F8)', () =>
      this.handlers.nextProblem(-1),
    );
    const next = this.button('next-problem', 'arrow-down', 'Next problem (F8)', () => this.handlers.nextProblem(1));
    this.goTo = element('input', {
      id: 'go-to-line',
      type: 'number',
      min: '1',
      class: 'go-to',
      placeholder: 'Line',
      'aria-label': 'Go to line (Enter)',
      title: 'Go to line (Enter)',
    }) as HTMLInputElement;
    this.goTo.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      const line = Number(this.goTo.value);
      if (Number.isInteger(line) && line >= 1) this.handlers.goToLine(line - 1);
    });
    this.plainToggle = this.button('plain', 'markdown', 'Show message text as typed (plain text)', () => {
      this.plain = !this.plain;
      this.plainToggle.setAttribute('aria-pressed', String(this.plain));
      this.handlers.setPlain(this.plain);
    });
    this.plainToggle.setAttribute('aria-pressed', String(this.plain));
    const exportMenu = this.select('export', 'Export the matching examples', [['', 'Export matches…'], ...EXPORTS]);
    exportMenu.addEventListener('change', () => {
      const target = EXPORTS.find(([value]) => value === exportMenu.value)?.[0];
      exportMenu.value = '';
      if (target) this.handlers.exportMatches(target);
    });

    const searchRow = element(
      'div',
      { class: 'toolbar-row' },
      element('div', { class: 'search-box' }, this.search, this.regex, this.caseSensitive),
      this.filterError,
      this.count,
      this.status,
      element('span', { class: 'spacer' }),
      previous,
      next,
      this.goTo,
      this.plainToggle,
      exportMenu,
    );
    const filterRow = element(
      'div',
      { class: 'toolbar-row filters', role: 'group', 'aria-label': 'Filters' },
      this.problems,
      this.codes,
      this.codeList,
      this.role,
      this.tristates.hasTools,
      this.tristates.hasImages,
      this.tristates.duplicates,
      element('label', { class: 'inline' }, this.missingSystem, 'No system message'),
      element('span', { class: 'token-range' }, 'Tokens', this.minTokens, '–', this.maxTokens),
    );
    this.element = element(
      'header',
      {
        class: 'toolbar',
        title:
          'Keys: j/k or ↓/↑ select the next/previous example, Home/End the first/last, F8/Shift+F8 the next/previous problem, / searches, Enter shows the example in the text editor',
      },
      searchRow,
      filterRow,
    );
  }

  /** The filter the form shows: only the fields set. */
  get filter(): ExampleFilter {
    const filter: Record<string, unknown> = {};
    if (this.search.value !== '') filter.text = this.search.value;
    if (this.regex.getAttribute('aria-pressed') === 'true') filter.regex = true;
    if (this.caseSensitive.getAttribute('aria-pressed') === 'true') filter.caseSensitive = true;
    const problems = this.problems.value;
    if (problems === 'any' || problems === 'errors' || problems === 'none') filter.problems = problems;
    const codes = this.codes.value
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== '');
    if (codes.length > 0) filter.codes = codes;
    if (this.role.value !== '') filter.role = this.role.value;
    for (const key of ['hasTools', 'hasImages', 'duplicates'] as const) {
      const value = this.tristates[key].value;
      if (value !== '') filter[key] = value === 'true';
    }
    if (this.missingSystem.checked) filter.missingSystem = true;
    const min = tokenBound(this.minTokens.value);
    const max = tokenBound(this.maxTokens.value);
    if (min !== undefined) filter.minTokens = min;
    if (max !== undefined) filter.maxTokens = max;
    return filter;
  }

  /** Shows the document's state: the count, scanning, and a filter the host could not apply. */
  update(info: ConversationsInfo): void {
    const scanning = info.scanning ? ' (scanning…)' : '';
    this.count.textContent = `${formatCount(info.matches)} of ${formatCount(info.lineCount)} examples${scanning}`;
    this.filterError.textContent = info.filterError ?? '';
    if (info.filterError === undefined) this.search.removeAttribute('aria-invalid');
    else this.search.setAttribute('aria-invalid', 'true');
  }

  /** A short note (no more problems, no such line), until the next one. */
  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** Codes and roles seen in the rows so far, offered as choices. */
  learn(codes: Iterable<string>, roles: Iterable<string>): void {
    let codesChanged = false;
    for (const code of codes)
      if (!this.knownCodes.has(code)) {
        this.knownCodes.add(code);
        codesChanged = true;
      }
    if (codesChanged)
      this.codeList.replaceChildren(...[...this.knownCodes].sort().map((code) => element('option', { value: code })));
    let rolesChanged = false;
    for (const role of roles)
      if (role !== '' && !this.knownRoles.has(role)) {
        this.knownRoles.add(role);
        rolesChanged = true;
      }
    if (rolesChanged) this.fillRoles(this.role.value);
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }

  /** Sends the filter now (Enter, a select, a toggle; or the debounce ran out). */
  flushFilter(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.handlers.filterChanged(this.filter);
  }

  private filterSoon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushFilter(), this.debounceMs);
  }

  private fillRoles(selected: string | undefined): void {
    const roles = new Set(this.knownRoles);
    if (selected) roles.add(selected);
    this.role.replaceChildren(
      element('option', { value: '' }, 'Any role'),
      ...[...roles].map((role) => element('option', { value: role }, `Has ${role}`)),
    );
    this.role.value = selected ?? '';
  }

  private input(id: string, label: string, placeholder: string, value: string): HTMLInputElement {
    const input = element('input', {
      id,
      'aria-label': label,
      title: label,
      placeholder,
      spellcheck: 'false',
    }) as HTMLInputElement;
    input.value = value;
    return input;
  }

  private numberInput(id: string, label: string, placeholder: string, value: number | undefined): HTMLInputElement {
    const input = this.input(id, label, placeholder, value === undefined ? '' : String(value));
    input.type = 'number';
    input.min = '0';
    input.className = 'token-bound';
    input.addEventListener('input', () => this.filterSoon());
    return input;
  }

  private select(id: string, label: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
    const select = element(
      'select',
      { id, 'aria-label': label, title: label },
      ...options.map(([value, text]) => element('option', { value }, text)),
    ) as HTMLSelectElement;
    if (id !== 'export') select.addEventListener('change', () => this.flushFilter());
    return select;
  }

  private toggle(id: string, text: string, label: string, pressed: boolean): HTMLButtonElement {
    const button = element(
      'button',
      { id, type: 'button', class: 'toggle', 'aria-label': label, title: label, 'aria-pressed': String(pressed) },
      text,
    ) as HTMLButtonElement;
    button.addEventListener('click', () => {
      button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
      this.flushFilter();
    });
    return button;
  }

  private button(id: string, codicon: string, label: string, onClick: () => void): HTMLButtonElement {
    const button = element(
      'button',
      { id, type: 'button', class: 'icon-button', 'aria-label': label, title: label },
      element('span', { class: `codicon codicon-${codicon}`, 'aria-hidden': 'true' }),
    ) as HTMLButtonElement;
    button.addEventListener('click', onClick);
    return button;
  }
}

function tokenBound(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}
