/**
 * Saving answers of a results file as fine-tuning examples: a chat (SFT) example, a preference (DPO) example, or a
 * whole model's answers as a new chat dataset ("distil"). Each example goes through the validation core
 * (checkSavedExample) before it is written. A distilled dataset is written atomically here; single examples are
 * appended by the shared dataset-file layer (src/datasetFiles) through the session's backend. No vscode here.
 */
import { basename } from 'node:path';
import type { PromptTurn } from '../core/batch/batchTypes';
import { writeLinesAtomically } from '../core/io/atomicWriter';
import type { ConversationTurn } from '../core/playground/exampleConversation';
import { checkSavedExample, exampleLine, type ExampleToSave } from '../core/playground/savedExample';
import type { SeverityOverrides } from '../core/validation/severity';

/** A prompt's turns as the saved example's system prompt and conversation. */
export interface SplitConversation {
  readonly systemPrompt: string;
  readonly turns: ConversationTurn[];
}

/**
 * Leading system turns become the system prompt (several joined as paragraphs); a system turn later in the
 * conversation has no place in a saved example, so such a prompt cannot be saved (undefined).
 */
export function splitConversation(turns: readonly PromptTurn[]): SplitConversation | undefined {
  const system: string[] = [];
  const rest: ConversationTurn[] = [];
  for (const turn of turns) {
    if (turn.role === 'system') {
      if (rest.length > 0) return undefined;
      system.push(turn.content);
    } else rest.push({ role: turn.role, content: turn.content });
  }
  return { systemPrompt: system.join('\n\n'), turns: rest };
}

const LATE_SYSTEM =
  'The prompt has a system message after the conversation started, which a saved example cannot hold.';

/** The chat example of a prompt answered by `answer`. */
export function chatExample(turns: readonly PromptTurn[], answer: string): ExampleToSave {
  const split = splitConversation(turns);
  if (split === undefined) throw new Error(LATE_SYSTEM);
  return {
    kind: 'chat',
    systemPrompt: split.systemPrompt,
    turns: [...split.turns, { role: 'assistant', content: answer }],
  };
}

/** The preference example of a prompt with a better and a worse answer. */
export function preferenceExample(turns: readonly PromptTurn[], preferred: string, rejected: string): ExampleToSave {
  const split = splitConversation(turns);
  if (split === undefined) throw new Error(LATE_SYSTEM);
  return { kind: 'preference', ...split, preferred, nonPreferred: rejected };
}

/** One answer to distil: a prompt and the model's answer to it. */
export interface DistilPair {
  readonly turns: readonly PromptTurn[];
  readonly answer: string;
}

/**
 * Writes each pair as a chat example to a new file (replacing it atomically), never over the results file. A pair
 * whose example has errors is left out and counted in `left`.
 */
export async function distilDataset(
  path: string,
  pairs: Iterable<DistilPair>,
  options: { resultsPath: string; signal?: AbortSignal; severities?: SeverityOverrides },
): Promise<{ fileName: string; lines: number; left: number }> {
  const fileName = basename(path);
  let left = 0;
  const target = { fileName, format: 'chat' as const };
  function* lines(): Generator<string> {
    for (const pair of pairs) {
      let example: ExampleToSave;
      try {
        example = chatExample(pair.turns, pair.answer);
      } catch {
        left++;
        continue;
      }
      const problems = checkSavedExample(example, target, options.severities);
      if (problems.some((problem) => problem.severity === 'error')) left++;
      else yield exampleLine(example);
    }
  }
  const written = await writeLinesAtomically(path, lines(), {
    protectedPaths: [options.resultsPath],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { fileName, lines: written.lines, left };
}
