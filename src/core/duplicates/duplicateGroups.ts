import { conflictProblem, duplicateProblem, NOTED_LINES, type GroupLine } from './duplicateProblems';
import type { LineAnalysis } from '../validation/lineAnalysis';
import type { ProblemOutput } from '../validation/problemOutput';

/** A cached line as the groups see it: its analysis, and its current line number (kept up to date by the owner). */
export interface GroupMember {
  line: number;
  readonly analysis: Pick<LineAnalysis, 'length' | 'exampleKey' | 'promptKey' | 'answerKey'>;
}

const byLine = (a: GroupMember, b: GroupMember) => a.line - b.line;
const asGroupLine = (m: GroupMember): GroupLine => ({ line: m.line, length: m.analysis.length });

/**
 * Duplicate examples and conflicting answers for an open document, maintained as lines change instead of
 * recomputed: adding or removing a line touches only its own groups, and problems are built from the groups that
 * have more than one member. Gives the same problems as the streaming ExampleIndex.
 */
export class DuplicateGroups<M extends GroupMember> {
  private readonly examples = new Map<string, Set<M>>();
  private readonly prompts = new Map<string, Map<string, Set<M>>>();
  /** Example keys with copies, and prompt keys with more than one answer. */
  private readonly copied = new Set<string>();
  private readonly conflicting = new Set<string>();

  add(member: M): void {
    const { exampleKey, promptKey, answerKey } = member.analysis;
    if (exampleKey === undefined) return;
    const copies = getOrCreate(this.examples, exampleKey, () => new Set<M>()).add(member);
    if (copies.size > 1) this.copied.add(exampleKey);
    if (promptKey === undefined || answerKey === undefined) return;
    const answers = getOrCreate(this.prompts, promptKey, () => new Map<string, Set<M>>());
    getOrCreate(answers, answerKey, () => new Set<M>()).add(member);
    if (answers.size > 1) this.conflicting.add(promptKey);
  }

  remove(member: M): void {
    const { exampleKey, promptKey, answerKey } = member.analysis;
    if (exampleKey === undefined) return;
    const copies = this.examples.get(exampleKey);
    copies?.delete(member);
    if (copies && copies.size <= 1) this.copied.delete(exampleKey);
    if (copies?.size === 0) this.examples.delete(exampleKey);
    if (promptKey === undefined || answerKey === undefined) return;
    const answers = this.prompts.get(promptKey);
    const same = answers?.get(answerKey);
    same?.delete(member);
    if (same?.size === 0) answers?.delete(answerKey);
    if (answers && answers.size <= 1) this.conflicting.delete(promptKey);
    if (answers?.size === 0) this.prompts.delete(promptKey);
  }

  clear(): void {
    this.examples.clear();
    this.prompts.clear();
    this.copied.clear();
    this.conflicting.clear();
  }

  /** Reports every later copy of an example and every line whose prompt others answer differently. */
  problems(out: ProblemOutput): void {
    for (const key of this.copied) {
      const members = [...(this.examples.get(key) ?? [])].sort(byLine);
      for (let i = 1; i < members.length; i++) {
        const self = members[i]!;
        out.report('ft.duplicate-example', () => {
          const others = members
            .filter((m) => m !== self)
            .slice(0, NOTED_LINES)
            .map(asGroupLine);
          return duplicateProblem(asGroupLine(self), others, members.length);
        });
      }
    }
    for (const key of this.conflicting) {
      const answers = [...(this.prompts.get(key)?.values() ?? [])];
      const all = answers.flatMap((set) => [...set]).sort(byLine);
      for (const same of answers) {
        for (const self of same) {
          out.report('ft.conflicting-answers', () => {
            const others = all.filter((m) => !same.has(m));
            return conflictProblem(asGroupLine(self), others.slice(0, NOTED_LINES).map(asGroupLine), others.length);
          });
        }
      }
    }
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
