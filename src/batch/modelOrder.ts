/** The order of the batch model picker (as the playground's): fine-tuned (`ft:`) ids first, each group sorted. Pure. */
export function pickerOrder(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fineTuned = (id: string): boolean => id.startsWith('ft:');
  return [...unique.filter(fineTuned), ...unique.filter((id) => !fineTuned(id))];
}
