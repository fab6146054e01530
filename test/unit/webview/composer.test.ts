import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { Composer } from '../../../webview/playground/composer';
import { useGlobalDocument } from './globalDocument';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');

function composer() {
  const calls: string[] = [];
  const view = new Composer({
    typed: (text) => calls.push(`typed ${text}`),
    send: (text) => calls.push(`send ${text}`),
    stop: () => calls.push('stop'),
  });
  window.document.body.replaceChildren(view.element);
  const box = view.element.querySelector('textarea')!;
  const key = (key: string, init: KeyboardEventInit = {}) => {
    const event = new window.KeyboardEvent('keydown', { key, cancelable: true, ...init });
    box.dispatchEvent(event);
    return event.defaultPrevented;
  };
  const button = (id: string) => view.element.querySelector(`#${id}`)!;
  return { view, calls, box, key, button };
}

describe('playground: the composer', () => {
  useGlobalDocument(window);

  it('sends the box’s text on Enter and on Send; Shift+Enter and Enter while composing only type', () => {
    const { calls, box, key, button } = composer();
    box.value = 'Where is my order?';
    box.dispatchEvent(new window.Event('input'));
    assert.equal(key('Enter', { shiftKey: true }), false);
    assert.equal(key('Enter', { isComposing: true }), false);
    assert.equal(key('Enter'), true, 'the new line is not typed');
    button('send').dispatchEvent(new window.MouseEvent('click'));
    button('stop').dispatchEvent(new window.MouseEvent('click'));
    assert.deepEqual(calls, ['typed Where is my order?', 'send Where is my order?', 'send Where is my order?', 'stop']);
  });

  it('enables Send or Stop, never both, and shows a draft without touching a box that already holds it', () => {
    const { view, box, button } = composer();
    view.showBusy(true);
    assert.deepEqual([button('send').hasAttribute('disabled'), button('stop').hasAttribute('disabled')], [true, false]);
    view.showBusy(false);
    assert.deepEqual([button('send').hasAttribute('disabled'), button('stop').hasAttribute('disabled')], [false, true]);
    view.showDraft('Hello');
    assert.equal(box.value, 'Hello');
    box.setSelectionRange(2, 2);
    view.showDraft('Hello');
    assert.equal(box.selectionStart, 2, 'the caret stays where the user put it');
  });
});
