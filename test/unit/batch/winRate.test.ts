import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  headToHead,
  outcomeOfVerdict,
  wilsonInterval,
  winRates,
  type PairwiseJudgement,
  type PairwiseOutcome,
} from '../../../src/core/batch/winRate';

const round4 = ([low, high]: readonly [number, number]): [number, number] => [
  Math.round(low * 1e4) / 1e4,
  Math.round(high * 1e4) / 1e4,
];

describe('wilsonInterval', () => {
  it('matches known values', () => {
    assert.deepEqual(round4(wilsonInterval(8, 10)), [0.4902, 0.9433]);
    assert.deepEqual(round4(wilsonInterval(50, 100)), [0.4038, 0.5962]);
    // Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3.
    assert.deepEqual(round4(wilsonInterval(81, 263)), [0.2553, 0.3662]);
    assert.deepEqual(round4(wilsonInterval(15, 148)), [0.0624, 0.1605]);
    assert.deepEqual(round4(wilsonInterval(0, 20)), [0, 0.1611]);
    assert.deepEqual(round4(wilsonInterval(1, 29)), [0.0061, 0.1718]);
    // 99%.
    assert.deepEqual(round4(wilsonInterval(8, 10, 2.576)), [0.4008, 0.9599]);
    // Fractional successes (a tie counts half).
    assert.deepEqual(round4(wilsonInterval(6.5, 10)), [0.3537, 0.8631]);
  });

  it('is exactly 0 or 1 at the ends, and [0, 1] with no data', () => {
    assert.equal(wilsonInterval(0, 10)[0], 0);
    assert.equal(wilsonInterval(10, 10)[1], 1);
    assert.deepEqual(round4(wilsonInterval(10, 10)), [0.7225, 1]);
    assert.deepEqual(wilsonInterval(0, 0), [0, 1]);
    assert.deepEqual(wilsonInterval(3, 7, 0), [3 / 7, 3 / 7]);
  });

  it('rejects impossible input', () => {
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(-1, 10), RangeError);
    assert.throws(() => wilsonInterval(Number.NaN, 10), RangeError);
    assert.throws(() => wilsonInterval(1, 10, -1), RangeError);
  });

  it('contains the proportion, stays in [0, 1] and mirrors failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const successes = Math.round(share * n);
        const [low, high] = wilsonInterval(successes, n);
        assert.ok(0 <= low && low <= successes / n && successes / n <= high && high <= 1);
        const [mirrorLow, mirrorHigh] = wilsonInterval(n - successes, n);
        assert.ok(Math.abs(low - (1 - mirrorHigh)) < 1e-12 && Math.abs(high - (1 - mirrorLow)) < 1e-12);
      }),
    );
  });
});

describe('winRates', () => {
  const judge = (a: string, b: string, outcome: PairwiseOutcome): PairwiseJudgement => ({ a, b, outcome });

  it('counts wins, losses, ties (both-bad as a tie) and skips per model', () => {
    const judgements = [
      ...Array.from({ length: 6 }, () => judge('tuned', 'base', 'a')),
      judge('base', 'tuned', 'b'),
      judge('tuned', 'base', 'b'),
      judge('tuned', 'base', 'tie'),
      judge('base', 'tuned', 'bothBad'),
      judge('tuned', 'base', 'skip'),
    ];
    const [tuned, base] = winRates(judgements);
    assert.deepEqual(tuned, {
      label: 'tuned',
      wins: 7,
      losses: 1,
      ties: 1,
      bothBad: 1,
      skipped: 1,
      decided: 10,
      winRate: 0.8,
      interval: wilsonInterval(8, 10),
    });
    assert.deepEqual(base, {
      label: 'base',
      wins: 1,
      losses: 7,
      ties: 1,
      bothBad: 1,
      skipped: 1,
      decided: 10,
      winRate: 0.2,
      interval: wilsonInterval(2, 10),
    });
    assert.deepEqual(round4(tuned.interval), [0.4902, 0.9433]);
  });

  it('adds up over several opponents and leaves an only-skipped model without a rate', () => {
    const records = winRates([
      judge('a', 'b', 'a'),
      judge('a', 'c', 'b'),
      judge('b', 'c', 'tie'),
      judge('d', 'a', 'skip'),
    ]);
    assert.deepEqual(
      records.map((r) => [r.label, r.wins, r.losses, r.ties, r.decided, r.winRate]),
      [
        ['a', 1, 1, 0, 2, 0.5],
        ['b', 0, 1, 1, 2, 0.25],
        ['c', 1, 0, 1, 2, 0.75],
        ['d', 0, 0, 0, 0, null],
      ],
    );
    assert.equal(records[3]!.interval, null);
    assert.deepEqual(winRates([]), []);
  });

  it('has win rates of a pair adding up to 1', () => {
    const outcome = fc.constantFrom<PairwiseOutcome>('a', 'b', 'tie', 'bothBad', 'skip');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), outcome), { minLength: 1 }), (draws) => {
        const judgements = draws.map(([swap, o]) => (swap ? judge('y', 'x', o) : judge('x', 'y', o)));
        const byLabel = new Map(winRates(judgements).map((r) => [r.label, r]));
        const x = byLabel.get('x')!;
        const y = byLabel.get('y')!;
        assert.equal(x.wins, y.losses);
        assert.equal(x.decided, y.decided);
        if (x.winRate !== null) assert.ok(Math.abs(x.winRate + y.winRate! - 1) < 1e-12);
      }),
    );
  });
});

describe('headToHead', () => {
  it('records each pair from the side of its first-seen model', () => {
    const pairs = headToHead([
      { a: 'a', b: 'b', outcome: 'a' },
      { a: 'b', b: 'a', outcome: 'a' },
      { a: 'a', b: 'c', outcome: 'tie' },
      { a: 'b', b: 'a', outcome: 'b' },
    ]);
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b, p.record.label, p.record.wins, p.record.losses, p.record.ties, p.record.winRate]),
      [
        ['a', 'b', 'a', 2, 1, 0, 2 / 3],
        ['a', 'c', 'a', 0, 0, 1, 0.5],
      ],
    );
  });
});

describe('outcomeOfVerdict', () => {
  it('maps a verdict in labels to an outcome', () => {
    assert.equal(outcomeOfVerdict({ winner: 'tuned', reason: '' }, 'base', 'tuned'), 'b');
    assert.equal(outcomeOfVerdict({ winner: 'base', reason: '' }, 'base', 'tuned'), 'a');
    assert.equal(outcomeOfVerdict({ winner: 'tie', reason: '' }, 'base', 'tuned'), 'tie');
    assert.equal(outcomeOfVerdict({ invalid: 'garbage' }, 'base', 'tuned'), 'skip');
    assert.equal(outcomeOfVerdict({ winner: 'other', reason: '' }, 'base', 'tuned'), 'skip');
  });
});
