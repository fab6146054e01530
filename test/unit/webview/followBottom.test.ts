import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { FollowBottom } from '../../../webview/playground/followBottom';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');

/** ResizeObserver stand-in: `grow()` reports every observed element, as the browser does after a layout. */
const observed = new Set<Element>();
let report: ((entries: { target: Element }[]) => void) | undefined;
class FakeResizeObserver {
  constructor(callback: (entries: { target: Element }[]) => void) {
    report = callback;
  }
  observe(target: Element): void {
    observed.add(target);
  }
  unobserve(target: Element): void {
    observed.delete(target);
  }
}

/** A scroller of 500 px showing content whose height the test sets (jsdom lays nothing out). */
function scroller() {
  const element = window.document.createElement('div');
  let contentHeight = 500;
  let top = 0;
  const reads = { heights: 0 };
  Object.defineProperties(element, {
    clientHeight: { get: () => 500 },
    scrollHeight: {
      get: () => {
        reads.heights++;
        return contentHeight;
      },
    },
    scrollTop: {
      get: () => top,
      set: (value: number) => (top = Math.max(0, Math.min(value, contentHeight - 500))),
    },
  });
  const grow = (height: number) => {
    contentHeight = height;
    report?.([...observed].map((target) => ({ target })));
  };
  /** The wheel upwards, and the scroll it makes. */
  const wheelsUp = (to: number) => {
    element.dispatchEvent(new window.WheelEvent('wheel', { deltaY: -100 }));
    moves(to);
  };
  /** A scroll the user did not make (content drawn above changed the height, the browser kept the view in place). */
  const moves = (to: number) => {
    element.scrollTop = to;
    element.dispatchEvent(new window.Event('scroll'));
  };
  const drags = (to: number) => {
    element.dispatchEvent(new window.Event('pointerdown'));
    moves(to);
    window.dispatchEvent(new window.Event('pointerup'));
  };
  return { element, grow, wheelsUp, moves, drags, reads };
}

describe('FollowBottom', () => {
  let saved: unknown;
  before(() => {
    saved = (globalThis as Record<string, unknown>).ResizeObserver;
    (globalThis as Record<string, unknown>).ResizeObserver = FakeResizeObserver;
  });
  after(() => {
    (globalThis as Record<string, unknown>).ResizeObserver = saved;
  });

  it('keeps the view at the bottom as the content grows, until the user scrolls up, and again once back down', () => {
    const { element, grow, wheelsUp, drags } = scroller();
    const follow = new FollowBottom(element, window.document.createElement('div'));
    grow(2_000);
    assert.equal(element.scrollTop, 1_500, 'followed the growth');
    wheelsUp(600);
    grow(3_000);
    assert.equal(element.scrollTop, 600, 'scrolled up to read: stays there');
    drags(2_490);
    grow(4_000);
    assert.equal(element.scrollTop, 3_500, 'back at the bottom (within the slack): follows again');
    drags(1_000);
    grow(4_500);
    assert.equal(element.scrollTop, 1_000, 'the scroll bar dragged up: stays there');
    follow.dispose();
    assert.equal(observed.size, 0);
  });

  it('keeps following when the position moves by itself (heights drawn above the view)', () => {
    const { element, grow, moves } = scroller();
    const follow = new FollowBottom(element, window.document.createElement('div'));
    grow(2_000);
    moves(1_400);
    grow(2_200);
    assert.equal(element.scrollTop, 1_700);
    follow.dispose();
  });

  it('reads no height in the scrolls it makes itself while following (each read forced a layout)', () => {
    const { element, grow, moves, reads } = scroller();
    const follow = new FollowBottom(element, window.document.createElement('div'));
    grow(2_000);
    const afterGrowth = reads.heights;
    moves(1_500);
    moves(1_500);
    assert.equal(reads.heights, afterGrowth);
    assert.equal(follow.isFollowing(), true);
    follow.dispose();
  });

  it('follows again from wherever the user was when asked to (a message was sent), with the growth that follows', () => {
    const { element, grow, wheelsUp } = scroller();
    const follow = new FollowBottom(element, window.document.createElement('div'));
    grow(2_000);
    wheelsUp(100);
    follow.follow();
    assert.equal(element.scrollTop, 100, 'nothing read or scrolled at once');
    grow(2_600);
    assert.equal(element.scrollTop, 2_100);
    follow.dispose();
  });
});
