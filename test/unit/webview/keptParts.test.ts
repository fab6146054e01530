import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { KeptParts, placeChildren } from '../../../webview/shared/keptParts';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const div = (text: string) => {
  const element = window.document.createElement('div');
  element.textContent = text;
  return element;
};

describe('KeptParts', () => {
  it('keeps a slot’s element while its key is unchanged and builds it again when the key changes', () => {
    const parts = new KeptParts();
    let builds = 0;
    const build = (text: string) => () => {
      builds++;
      return div(text);
    };
    const first = parts.part('head:1', '["busy",false]', build('a'));
    assert.equal(parts.part('head:1', '["busy",false]', build('ignored')), first);
    assert.equal(builds, 1);
    const second = parts.part('head:1', '["busy",true]', build('b'));
    assert.notEqual(second, first);
    assert.equal(second?.textContent, 'b');
    // Another slot with the same key is its own part.
    assert.notEqual(parts.part('head:2', '["busy",true]', build('c')), second);
    assert.equal(builds, 3);
  });

  it('keeps an absent part too, and forgets the slots retain turns down', () => {
    const parts = new KeptParts();
    let builds = 0;
    const none = () => {
      builds++;
      return undefined;
    };
    assert.equal(parts.part('banner', 'null', none), undefined);
    assert.equal(parts.part('banner', 'null', none), undefined);
    assert.equal(builds, 1);
    const kept = parts.part('head:3', 'k', () => div('x'));
    parts.retain((slot) => slot !== 'head:3');
    assert.notEqual(
      parts.part('head:3', 'k', () => div('x')),
      kept,
    );
    assert.equal(parts.part('banner', 'null', none), undefined);
    assert.equal(builds, 1, 'the retained slot was not built again');
  });

  it('places a slot’s part as its region’s only child, rebuilt when what it shows changes, and none when absent', () => {
    const parts = new KeptParts();
    const region = div('');
    let builds = 0;
    const banner = (text: string | undefined) => () => {
      builds++;
      return text === undefined ? undefined : div(text);
    };
    parts.place(region, 'banner', ['Saved.', false], banner('Saved.'));
    const shown = region.firstElementChild;
    parts.place(region, 'banner', ['Saved.', false], banner('ignored'));
    assert.equal(region.firstElementChild, shown);
    parts.place(region, 'banner', ['Failed.', true], banner('Failed.'));
    assert.deepEqual(
      [...region.children].map((child) => child.textContent),
      ['Failed.'],
    );
    parts.place(region, 'banner', [null], banner(undefined));
    assert.equal(region.children.length, 0);
    assert.equal(builds, 3);
  });
});

/** Places `children` into a parent holding `before`; the parent's children after, and the nodes (re)inserted. */
async function place(before: Element[], ...placements: Element[][]) {
  const parent = div('');
  parent.append(...before);
  const inserted: Node[] = [];
  const observer = new window.MutationObserver((records) => {
    for (const record of records) inserted.push(...record.addedNodes);
  });
  observer.observe(parent, { childList: true });
  for (const children of placements) placeChildren(parent, children);
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  return { after: [...parent.children].map((child) => child.textContent), inserted };
}

describe('placeChildren', () => {
  it('moves only the children out of place and removes the rest', async () => {
    const [a, b, c, d] = [div('a'), div('b'), div('c'), div('d')];
    const { after, inserted } = await place([a, b, c], [a, b, c], [a, d, b]);
    assert.deepEqual(after, ['a', 'd', 'b']);
    assert.deepEqual(inserted, [d], 'a and b stayed where they were');
  });

  it('replaces a part without moving the kept ones after it', async () => {
    const [head, parameters, conversation, newHead] = [
      div('head'),
      div('parameters'),
      div('conversation'),
      div('new head'),
    ];
    const { after, inserted } = await place([head, parameters, conversation], [newHead, parameters, conversation]);
    assert.deepEqual(after, ['new head', 'parameters', 'conversation']);
    assert.deepEqual(inserted, [newHead], 'the conversation was not detached (its scroll position would be lost)');
  });
});
