import * as assert from 'node:assert/strict';
import type { ConversationRow } from '../../../src/protocol/conversations';
import { MAX_PAGES, PAGE_SIZE, RowCache } from '../../../webview/conversations/rowCache';

function rowAt(position: number, version: number): ConversationRow {
  return { position, line: position, problems: [], view: { kind: 'unreadable', reason: `v${version}`, text: '' } };
}

/** A host whose answers wait until `answer` is called, so tests decide the order. */
function fakeHost(matches: () => number) {
  const calls: { start: number; count: number; signal: AbortSignal; answer(version: number): void }[] = [];
  const fetch = (start: number, count: number, signal: AbortSignal) =>
    new Promise<{ version: number; rows: ConversationRow[] }>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('aborted')));
      calls.push({
        start,
        count,
        signal,
        answer: (version) =>
          resolve({
            version,
            rows: Array.from({ length: Math.min(count, matches() - start) }, (_, i) => rowAt(start + i, version)),
          }),
      });
    });
  return { calls, fetch };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('conversations: row cache', () => {
  it('fetches the pages around the wanted positions once, and aborts those left far behind', async () => {
    const host = fakeHost(() => 1000);
    let loads = 0;
    const cache = new RowCache(host.fetch, () => loads++);
    cache.reset(1, 1000);
    cache.want(30, 50);
    cache.want(30, 50);
    assert.deepEqual(
      host.calls.map(({ start, count }) => [start, count]),
      [
        [0, PAGE_SIZE],
        [PAGE_SIZE, PAGE_SIZE],
      ],
    );
    cache.want(900, 910);
    assert.deepEqual(
      host.calls.map((call) => call.signal.aborted),
      [true, true, false],
    );
    host.calls[2]!.answer(1);
    await tick();
    assert.equal(loads, 1);
    assert.equal(cache.row(890)?.row.position, 890);
    assert.equal(cache.row(890)?.stale, false);
    assert.equal(cache.row(0), undefined);
  });

  it('drops rows of another version, and shows the old rows as stale until the new ones come', async () => {
    const host = fakeHost(() => 100);
    const cache = new RowCache(host.fetch, () => undefined);
    cache.reset(1, 100);
    cache.want(0, 10);
    host.calls[0]!.answer(1);
    await tick();
    cache.reset(2, 100);
    assert.deepEqual(cache.row(3), { row: rowAt(3, 1), version: 1, stale: true });
    cache.want(0, 10);
    host.calls[1]!.answer(3);
    await tick();
    assert.equal(cache.row(3)?.version, 1, 'an answer of version 3 is not taken for version 2');
    cache.want(0, 10);
    host.calls[2]!.answer(2);
    await tick();
    assert.deepEqual(cache.row(3), { row: rowAt(3, 2), version: 2, stale: false });
    cache.reset(3, 100);
    cache.dropStale();
    assert.equal(cache.row(3), undefined);
  });

  it('names the page ranges covering positions, as rows requests ask for them', () => {
    const cache = new RowCache(fakeHost(() => 100).fetch, () => undefined);
    assert.deepEqual(cache.pagesCovering(0, 10), []);
    cache.reset(1, 100);
    assert.deepEqual(cache.pagesCovering(35, 85), [
      { start: 0, count: PAGE_SIZE },
      { start: PAGE_SIZE, count: PAGE_SIZE },
      { start: 2 * PAGE_SIZE, count: 100 - 2 * PAGE_SIZE },
    ]);
    assert.deepEqual(cache.pagesCovering(10, 5), []);
  });

  it('holds a page the host sent with a new state as fetched, and ignores one of another version or place', () => {
    const host = fakeHost(() => 100);
    const cache = new RowCache(host.fetch, () => undefined);
    cache.reset(1, 100);
    cache.want(0, 10);
    cache.reset(2, 100);
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => rowAt(i, 2));
    assert.equal(cache.put(0, 1, rows), false, 'another version');
    assert.equal(cache.put(5, 2, rows), false, 'not on a page boundary');
    assert.equal(cache.put(0, 2, rows), true);
    assert.deepEqual(cache.row(3), { row: rowAt(3, 2), version: 2, stale: false });
    cache.want(0, 10);
    assert.deepEqual(
      host.calls.map(({ start }) => start),
      [0],
      'the page sent is not asked for again',
    );
  });

  it('keeps the pages a scan already found and asks again only for the short last page', async () => {
    let matches = 50;
    const host = fakeHost(() => matches);
    const cache = new RowCache(host.fetch, () => undefined);
    cache.reset(1, 50);
    cache.want(0, 49);
    host.calls[0]!.answer(1);
    host.calls[1]!.answer(1);
    await tick();
    assert.deepEqual(
      host.calls.map(({ start, count }) => [start, count]),
      [
        [0, 40],
        [40, 10],
      ],
    );
    matches = 70;
    cache.reset(1, 70, true);
    assert.equal(cache.row(45)?.stale, false);
    cache.want(0, 69);
    assert.deepEqual(
      host.calls.slice(2).map(({ start, count }) => [start, count]),
      [[40, 30]],
    );
    host.calls[2]!.answer(1);
    await tick();
    assert.equal(cache.row(69)?.row.position, 69);
  });

  it('keeps at most MAX_PAGES pages, dropping the farthest from what is wanted', async () => {
    const host = fakeHost(() => 100_000);
    const cache = new RowCache(host.fetch, () => undefined);
    cache.reset(1, 100_000);
    for (let page = 0; page < MAX_PAGES + 10; page++) {
      cache.want(page * PAGE_SIZE, page * PAGE_SIZE);
      host.calls.at(-1)!.answer(1);
      await tick();
    }
    const held = (page: number) => cache.row(page * PAGE_SIZE) !== undefined;
    const last = MAX_PAGES + 9;
    assert.equal(held(last), true);
    assert.equal(held(last - MAX_PAGES + 1), true);
    assert.equal(held(last - MAX_PAGES), false);
    assert.equal(held(0), false);
  });
});
