/** Finds the row of a tweet id. */
export interface IdLookup {
  /** The row holding `id`, or -1. */
  rowOf(id: number): number;
}

// A direct table costs 4 bytes per possible id; use it while ids are dense (Kaggle's twcs.csv: 2.8 M rows, ids to 3 M).
const MAX_TABLE_IDS_PER_ROW = 4;
const MIN_TABLE_IDS = 1024 * 1024;

/**
 * Indexes ids (non-negative integers; NaN rows are left out). A later row with an id already seen is reported
 * through `onDuplicate` and left out, so the first row with an id wins.
 */
export function buildIdLookup(
  ids: Float64Array,
  usable: (row: number) => boolean,
  onDuplicate: (row: number) => void,
): IdLookup {
  let maxId = -1;
  for (let row = 0; row < ids.length; row++) if (usable(row) && ids[row]! > maxId) maxId = ids[row]!;
  if (maxId < 2 ** 31 - 1 && maxId < Math.max(MIN_TABLE_IDS, ids.length * MAX_TABLE_IDS_PER_ROW)) {
    const table = new Int32Array(maxId + 1).fill(-1);
    for (let row = 0; row < ids.length; row++) {
      if (!usable(row)) continue;
      const id = ids[row]!;
      if (table[id] === -1) table[id] = row;
      else onDuplicate(row);
    }
    return { rowOf: (id) => (id >= 0 && id <= maxId ? table[id]! : -1) };
  }
  const map = new Map<number, number>();
  for (let row = 0; row < ids.length; row++) {
    if (!usable(row)) continue;
    const id = ids[row]!;
    if (map.has(id)) onDuplicate(row);
    else map.set(id, row);
  }
  return { rowOf: (id) => map.get(id) ?? -1 };
}
