/**
 * Win rates from pairwise comparisons of models' answers (by a judge model or a person), with a Wilson score interval
 * so a handful of comparisons does not read as a verdict.
 */

import type { JudgeVerdict } from './judgePrompt';

/**
 * The outcome of comparing model `a`'s answer with model `b`'s: one wins, a tie, both bad (neither acceptable), or
 * skipped (not judged: a missing answer, an unreadable verdict, a person passing).
 */
export type PairwiseOutcome = 'a' | 'b' | 'tie' | 'bothBad' | 'skip';

/** One comparison of two different models' answers to the same prompt. */
export interface PairwiseJudgement {
  readonly a: string;
  readonly b: string;
  readonly outcome: PairwiseOutcome;
}

/**
 * A model's record over comparisons. Both-bad counts as a tie in the win rate (neither answer was preferred, as
 * Chatbot Arena counts it) and is also reported on its own; skipped comparisons count nowhere else.
 */
export interface WinRecord {
  readonly label: string;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  readonly bothBad: number;
  readonly skipped: number;
  /** Comparisons with an outcome: wins + losses + ties + bothBad. */
  readonly decided: number;
  /** (wins + half of ties and both-bad) / decided, 0–1; `null` when nothing was decided. */
  readonly winRate: number | null;
  /** The 95% Wilson score interval of `winRate`; `null` when nothing was decided. */
  readonly interval: readonly [low: number, high: number] | null;
}

/** One pair of models head to head, from `a`'s side (`a` is the label of the pair seen first). */
export interface HeadToHead {
  readonly a: string;
  readonly b: string;
  readonly record: WinRecord;
}

interface Tally {
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
  skipped: number;
}

/** Each model's record over all its comparisons, in the order the models first appear. */
export function winRates(judgements: readonly PairwiseJudgement[]): WinRecord[] {
  const tallies = new Map<string, Tally>();
  const tallyOf = (label: string): Tally => {
    let tally = tallies.get(label);
    if (!tally) tallies.set(label, (tally = emptyTally()));
    return tally;
  };
  for (const judgement of judgements) {
    count(tallyOf(judgement.a), judgement.outcome, 'a');
    count(tallyOf(judgement.b), judgement.outcome, 'b');
  }
  return [...tallies.entries()].map(([label, tally]) => winRecord(label, tally));
}

/** Each pair of models' record against each other, in the order the pairs first appear. */
export function headToHead(judgements: readonly PairwiseJudgement[]): HeadToHead[] {
  const pairs = new Map<string, { a: string; b: string; tally: Tally }>();
  for (const judgement of judgements) {
    const key = JSON.stringify([judgement.a, judgement.b].sort());
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { a: judgement.a, b: judgement.b, tally: emptyTally() }));
    count(pair.tally, judgement.outcome, judgement.a === pair.a ? 'a' : 'b');
  }
  return [...pairs.values()].map(({ a, b, tally }) => ({ a, b, record: winRecord(a, tally) }));
}

/** The outcome of a judge's verdict on models `a` and `b`; an unreadable verdict is skipped. */
export function outcomeOfVerdict(verdict: JudgeVerdict, a: string, b: string): PairwiseOutcome {
  if ('invalid' in verdict) return 'skip';
  if (verdict.winner === 'tie') return 'tie';
  if (verdict.winner === a) return 'a';
  if (verdict.winner === b) return 'b';
  return 'skip';
}

function emptyTally(): Tally {
  return { wins: 0, losses: 0, ties: 0, bothBad: 0, skipped: 0 };
}

/** Counts an outcome for the model on `side` of the comparison. */
function count(tally: Tally, outcome: PairwiseOutcome, side: 'a' | 'b'): void {
  if (outcome === 'tie') tally.ties++;
  else if (outcome === 'bothBad') tally.bothBad++;
  else if (outcome === 'skip') tally.skipped++;
  else if (outcome === side) tally.wins++;
  else tally.losses++;
}

function winRecord(label: string, tally: Tally): WinRecord {
  const decided = tally.wins + tally.losses + tally.ties + tally.bothBad;
  const score = tally.wins + (tally.ties + tally.bothBad) / 2;
  return {
    label,
    ...tally,
    decided,
    winRate: decided === 0 ? null : score / decided,
    interval: decided === 0 ? null : wilsonInterval(score, decided),
  };
}

/**
 * The Wilson score interval of a proportion `successes / n` (Wilson 1927): unlike the normal approximation it stays
 * inside [0, 1] and is sensible for small `n` and proportions near 0 or 1. `z` is the normal quantile of the
 * confidence level (1.96 for 95%). `successes` may be fractional (a tie counts half). With `n = 0` nothing is known:
 * [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): [number, number] {
  if (!(n >= 0) || !(successes >= 0 && successes <= n) || !(z >= 0))
    throw new RangeError(`Wilson interval needs 0 ≤ successes ≤ n and z ≥ 0 (got ${successes}, ${n}, ${z}).`);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 and n the bound is exactly 0 or 1; rounding would leave it a hair off.
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return [low, high];
}
