/**
 * Comparing two columns' answers to the same message: which column is shown as A and which as B, the user's vote, the
 * running tally per model pair, and the preference (DPO) example a vote makes. Pure, so it is unit-tested in Node.
 */

import type { PlaygroundTurn, SaveExampleParams } from '../../src/protocol/playground';

export type Vote = 'a' | 'b' | 'tie' | 'bothBad';

/** The comparison of the last exchange of a two-column playground. */
export interface Comparison {
  /** Column ids in the order shown: A, then B (shuffled when blind). */
  order: [number, number];
  /** Model names stay hidden, and the order is random, until the vote. */
  blind: boolean;
  vote?: Vote;
  /** Where the preference pair was saved (`train.jsonl:12`), once it was. */
  savedTo?: string;
}

/** Blind votes between two models (each `connectionId/model`, sorted, so A/B order does not split a pair). */
export interface TallyEntry {
  models: [string, string];
  /** Wins of models[0] and of models[1]. */
  wins: [number, number];
  ties: number;
  bothBad: number;
}

export const VOTE_LABELS: Readonly<Record<Vote, string>> = {
  a: 'A is better',
  b: 'B is better',
  tie: 'Tie',
  bothBad: 'Both are bad',
};

/** Adds a blind vote between the models shown as A and B. */
export function addVote(tally: readonly TallyEntry[], modelA: string, modelB: string, vote: Vote): TallyEntry[] {
  const models: [string, string] = modelA <= modelB ? [modelA, modelB] : [modelB, modelA];
  const index = tally.findIndex((entry) => entry.models[0] === models[0] && entry.models[1] === models[1]);
  const entry: TallyEntry = index >= 0 ? structuredClone(tally[index]!) : { models, wins: [0, 0], ties: 0, bothBad: 0 };
  if (vote === 'tie') entry.ties++;
  else if (vote === 'bothBad') entry.bothBad++;
  else {
    const winner = vote === 'a' ? modelA : modelB;
    entry.wins[winner === models[0] ? 0 : 1]++;
  }
  return index >= 0 ? tally.map((old, i) => (i === index ? entry : old)) : [...tally, entry];
}

/** `sim-chat 3 – 1 ft:sim-chat…, 2 ties, 1 both bad` */
export function formatTallyEntry(entry: TallyEntry, label: (model: string) => string): string {
  const parts = [`${label(entry.models[0])} ${entry.wins[0]} – ${entry.wins[1]} ${label(entry.models[1])}`];
  if (entry.ties > 0) parts.push(`${entry.ties} ${entry.ties === 1 ? 'tie' : 'ties'}`);
  if (entry.bothBad > 0) parts.push(`${entry.bothBad} both bad`);
  return parts.join(', ');
}

/** A random A/B order of two column ids (the caller passes the randomness, so the reducer stays pure). */
export function shuffledPair(first: number, second: number, random: number): [number, number] {
  return random < 0.5 ? [first, second] : [second, first];
}

/** The preference example a vote makes: the winner's conversation up to the question, and both answers to it. */
export function preferenceExample(
  winner: { systemPrompt: string; turns: PlaygroundTurn[] },
  preferred: string,
  nonPreferred: string,
): SaveExampleParams {
  return { kind: 'preference', systemPrompt: winner.systemPrompt, turns: winner.turns, preferred, nonPreferred };
}
