/**
 * Who won between two models, from judgements and blind-review votes: a vote's outcome, a judgement's winner, and
 * the win rates per pair of models that the Evaluation view shows.
 */
import { winRates, type PairwiseOutcome } from '../core/batch/winRate';
import type { Standings, VoteChoice } from '../protocol/evaluation';
import type { JudgementRecord } from './sidecars';

/** A vote's outcome from model `a`'s side: answer 1 or 2 maps to whichever model was shown there. */
export function outcomeOfChoice(choice: VoteChoice, shown: readonly [string, string], a: string): PairwiseOutcome {
  if (choice === 'tie' || choice === 'bothBad' || choice === 'skip') return choice;
  const winner = choice === '1' ? shown[0] : shown[1];
  return winner === a ? 'a' : 'b';
}

/** The record compares models `a` and `b`, in either order. */
export function samePair(record: { a: string; b: string }, a: string, b: string): boolean {
  return (record.a === a && record.b === b) || (record.a === b && record.b === a);
}

/** The label of a judgement's winner, 'tie' for a tie or both bad, undefined for a skip. */
export function winnerOf(record: JudgementRecord): string | undefined {
  switch (record.outcome) {
    case 'a':
      return record.a;
    case 'b':
      return record.b;
    case 'tie':
    case 'bothBad':
      return 'tie';
    default:
      return undefined;
  }
}

/** Win rates per pair of models (in the order the pairs first appear), each model's record over that pair. */
export function standings(records: readonly { a: string; b: string; outcome: PairwiseOutcome }[]): Standings[] {
  const pairs = new Map<string, { a: string; b: string; list: { a: string; b: string; outcome: PairwiseOutcome }[] }>();
  for (const record of records) {
    const key = JSON.stringify([record.a, record.b].sort());
    let pair = pairs.get(key);
    if (pair === undefined) pairs.set(key, (pair = { a: record.a, b: record.b, list: [] }));
    pair.list.push(record);
  }
  return [...pairs.values()].map(({ a, b, list }) => {
    const records = winRates(list);
    const order = (label: string) => (label === a ? 0 : 1);
    return { a, b, records: [...records].sort((x, y) => order(x.label) - order(y.label)) };
  });
}
