// What `sim-judge` answers to a pairwise judge prompt (src/core/batch/judgePrompt.ts): a fixed rule that favours the
// simulator's fine-tuned model, so tests of the LLM judge have a known winner whichever order the answers are shown.

/** The mark every fine-tuned model's reply starts with (see replyText). */
const FINE_TUNED_MARK = '[fine-tuned]';

export type JudgeWinner = '1' | '2' | 'tie';

/**
 * The verdict, as an instruction-following judge replies: `{"winner": …, "reason": …}` and nothing else. The answer
 * that starts with `[fine-tuned]` wins (when only one does); otherwise the longer one wins, and equal lengths tie.
 * Undefined when the message lacks either `<answer_1>…</answer_1>` or `<answer_2>…</answer_2>`.
 */
export function judgeVerdict(message: string): string | undefined {
  const first = taggedText(message, 'answer_1');
  const second = taggedText(message, 'answer_2');
  if (first === undefined || second === undefined) return undefined;
  const { winner, reason } = decide(first, second);
  // Spaced like the JSON shape the judge prompt asks for, which JSON.stringify of the whole object would not be.
  return `{"winner": ${JSON.stringify(winner)}, "reason": ${JSON.stringify(reason)}}`;
}

function decide(first: string, second: string): { winner: JudgeWinner; reason: string } {
  const [firstTuned, secondTuned] = [first.startsWith(FINE_TUNED_MARK), second.startsWith(FINE_TUNED_MARK)];
  if (firstTuned !== secondTuned) {
    const winner = firstTuned ? '1' : '2';
    return { winner, reason: `Answer ${winner} comes from the fine-tuned model, which this judge prefers.` };
  }
  const [firstLength, secondLength] = [Array.from(first).length, Array.from(second).length];
  if (firstLength === secondLength) {
    return { winner: 'tie', reason: `Both answers are ${firstLength} characters long, so neither is preferred.` };
  }
  const winner = firstLength > secondLength ? '1' : '2';
  const [longer, shorter] = firstLength > secondLength ? [firstLength, secondLength] : [secondLength, firstLength];
  return { winner, reason: `Answer ${winner} is longer (${longer} characters against ${shorter}).` };
}

/** The text between the first `<tag>` and the `</tag>` after it, without the blank lines the prompt puts around it. */
function taggedText(message: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(message);
  return match?.[1]?.trim();
}
