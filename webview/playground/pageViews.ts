// The playground's page-wide parts around the columns: the toolbar, the outcome banner and the dataset answer being
// regenerated. Each is built from what it is given; main.ts decides when (KeptParts).
import { MAX_COLUMNS } from '../../src/protocol/playground';
import { element } from '../shared/dom';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { tallyView } from './comparisonView';
import { isBusy, type PlaygroundState } from './state';

export interface ToolbarActions {
  addColumn(): void;
  setBlind(blind: boolean): void;
  clear(): void;
  refreshModels(): void;
  /** How a tally key (`connectionId/model`) is shown. */
  modelLabel(key: string): string;
}

/** The toolbar; what a send in flight disables is set by syncToolbar (also after the build). */
export function toolbarView(state: PlaygroundState, actions: ToolbarActions): HTMLElement {
  const add = element('vscode-button', { id: 'add-column', secondary: '', 'aria-label': 'Add a column' }, 'Add column');
  add.addEventListener('click', () => actions.addColumn());
  const blind = element('input', { id: 'blind', type: 'checkbox' }) as HTMLInputElement;
  blind.checked = state.blind;
  blind.addEventListener('change', () => actions.setBlind(blind.checked));
  const blindLabel = element(
    'label',
    { class: 'inline', title: 'Two columns: shuffled, model names hidden until you vote' },
    blind,
    'Blind compare',
  );
  const clear = element(
    'vscode-button',
    { class: 'clear-all', secondary: '', 'aria-label': 'Clear all conversations' },
    'Clear',
  );
  clear.addEventListener('click', () => actions.clear());
  const refresh = element('vscode-button', { secondary: '', 'aria-label': 'List the models again' }, 'Refresh models');
  refresh.addEventListener('click', () => actions.refreshModels());
  const parts: HTMLElement[] = [element('h1', {}, 'Playground')];
  const tally = tallyView(state, (key) => actions.modelLabel(key));
  if (tally) parts.push(tally);
  parts.push(blindLabel, add, clear, refresh);
  const toolbar = element('header', { class: 'toolbar' }, ...parts);
  syncToolbar(toolbar, state);
  return toolbar;
}

/**
 * Enables what can be used now. Kept apart from the build: a send starting or ending toggles these, and building the
 * toolbar again for it (custom elements with shadow roots) cost more than the toggles.
 */
export function syncToolbar(toolbar: HTMLElement, state: PlaygroundState): void {
  const busy = isBusy(state);
  toolbar.querySelector('#add-column')?.toggleAttribute('disabled', state.columns.length >= MAX_COLUMNS || busy);
  const blind = toolbar.querySelector<HTMLInputElement>('#blind');
  if (blind) blind.disabled = busy || state.columns.length !== 2;
  toolbar.querySelector('.clear-all')?.toggleAttribute('disabled', busy);
}

/** The last Save to dataset or View code outcome. */
export function bannerView(banner: { text: string; error: boolean }, dismiss: () => void): HTMLElement {
  const close = element('vscode-button', { secondary: '', 'aria-label': 'Dismiss' }, 'Dismiss');
  close.addEventListener('click', dismiss);
  return element(
    'div',
    { class: banner.error ? 'banner error' : 'banner', role: banner.error ? 'alert' : 'status' },
    element('span', {}, banner.text),
    close,
  );
}

/** The dataset's own answer to the example being regenerated, beside the models' answers. */
export function referenceView(
  reference: { source: string; text: string },
  renderer: MarkdownRenderer,
  hide: () => void,
): HTMLElement {
  const close = element('vscode-button', { secondary: '', 'aria-label': 'Hide the dataset answer' }, 'Hide');
  close.addEventListener('click', hide);
  return element(
    'section',
    { class: 'reference', 'aria-label': 'Dataset answer' },
    element('div', { class: 'column-head' }, element('h2', {}, `Dataset answer (${reference.source})`), close),
    element('div', { class: 'reply-text' }, renderer.render(reference.text)),
  );
}
