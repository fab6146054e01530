/** The order of the model picker. Pure (no `vscode`), so it is unit-tested in Node. */

/** Fine-tuned (`ft:`) ids first — they are why the playground exists — then the rest; each group sorted, no repeats. */
export function orderModels(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...unique.filter(isFineTuned), ...unique.filter((id) => !isFineTuned(id))];
}

export function isFineTuned(id: string): boolean {
  return id.startsWith('ft:');
}
