import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { ExampleFilter, MatchesTarget } from '../../../src/protocol/conversations';
import { Toolbar } from '../../../webview/conversations/toolbar';
import { useGlobalDocument } from './globalDocument';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
const window = dom.window as unknown as Window & typeof globalThis;

function toolbar(filter: ExampleFilter = {}) {
  const filters: ExampleFilter[] = [];
  const exports: MatchesTarget[] = [];
  const bar = new Toolbar(
    { filter, plain: false },
    {
      filterChanged: (next) => filters.push(next),
      nextProblem: () => undefined,
      goToLine: () => undefined,
      setPlain: () => undefined,
      exportMatches: (target) => exports.push(target),
    },
    { debounceMs: 0 },
  );
  window.document.body.replaceChildren(bar.element);
  const get = <T extends HTMLElement>(selector: string) => bar.element.querySelector<T>(selector)!;
  return { bar, filters, exports, get };
}

describe('conversations: toolbar', () => {
  useGlobalDocument(window);

  it('shows a saved filter in the form and reads it back unchanged', () => {
    const filter: ExampleFilter = {
      text: 'refund',
      regex: true,
      caseSensitive: true,
      problems: 'none',
      codes: ['ft.a', 'ft.b'],
      role: 'tool',
      hasTools: true,
      hasImages: false,
      missingSystem: true,
      minTokens: 5,
      maxTokens: 900,
      duplicates: false,
    };
    const { bar, get } = toolbar(filter);
    assert.deepEqual(bar.filter, filter);
    assert.equal(get<HTMLInputElement>('#codes').value, 'ft.a, ft.b');
    assert.equal(get('#regex').getAttribute('aria-pressed'), 'true');
  });

  it('filters by problems: with any, with errors, clean, or not at all', () => {
    const { bar, filters, get } = toolbar();
    const select = get<HTMLSelectElement>('#problems');
    assert.deepEqual(
      [...select.options].map((option) => option.value),
      ['', 'any', 'errors', 'none'],
    );
    for (const value of ['any', 'errors', 'none', '']) {
      select.value = value;
      select.dispatchEvent(new window.Event('change'));
    }
    assert.deepEqual(filters, [{ problems: 'any' }, { problems: 'errors' }, { problems: 'none' }, {}]);
    assert.deepEqual(bar.filter, {});
  });

  it('sends the filter once the search is cleared with Escape', () => {
    const { filters, get } = toolbar({ text: 'x' });
    get('#search').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape' }));
    assert.deepEqual(filters, [{}]);
  });

  it('offers the problem codes and roles seen in rows', () => {
    const { bar, get } = toolbar();
    bar.learn(['ft.z', 'ft.a', 'ft.z'], ['user', 'critic']);
    assert.deepEqual(
      [...get('#problem-codes').querySelectorAll('option')].map((option) => option.getAttribute('value')),
      ['ft.a', 'ft.z'],
    );
    assert.deepEqual(
      [...get<HTMLSelectElement>('#role').options].map((option) => option.value),
      ['', 'system', 'developer', 'user', 'assistant', 'tool', 'function', 'critic'],
    );
  });

  it('ignores token bounds that are not numbers', () => {
    const { bar, get } = toolbar();
    get<HTMLInputElement>('#min-tokens').value = '-3';
    get<HTMLInputElement>('#max-tokens').value = '12.7';
    assert.deepEqual(bar.filter, { maxTokens: 12 });
  });
});
