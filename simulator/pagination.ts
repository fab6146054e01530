// Cursor pages as the API returns lists (`{ object: 'list', data, first_id, last_id, has_more }`): `after` is the id
// of the last item of the previous page, `limit` the page size.
import type { Reply } from './delivery';
import { invalidParameter } from './errors';

export interface CursorPage<Item> {
  object: 'list';
  data: Item[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** One page of `items` (already in the order to list them) read from the query's `limit` and `after`. */
export function cursorPage<Item extends { id: string }>(
  items: readonly Item[],
  query: URLSearchParams,
  defaultLimit = 20,
): Reply {
  const limitText = query.get('limit');
  const limit = limitText === null ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    return invalidParameter('limit', `Invalid 'limit': expected an integer from 1 to 10000, got ${limitText}.`);
  }
  const after = query.get('after');
  let start = 0;
  if (after !== null) {
    const index = items.findIndex((item) => item.id === after);
    // An unknown cursor gives an empty page, as the real API does for an id it cannot place.
    start = index < 0 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  const page: CursorPage<Item> = {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: start + limit < items.length,
  };
  return { status: 200, body: page };
}
