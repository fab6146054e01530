/** A count with its noun in the right number: `1 line`, `2 lines`, `0 lines`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
