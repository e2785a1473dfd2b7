// Stripe list semantics shared by every list endpoint: newest first, created ranges, cursors, limit.
import { invalidRequest } from './errors';

export interface CreatedRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface ListQuery {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  created?: CreatedRange;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/** First index whose created is >= t (items are in non-decreasing created order). */
function lowerBound(items: readonly { created: number }[], t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.created < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The [from, to) index window of items whose created falls in the range. */
export function createdWindow(
  items: readonly { created: number }[],
  range: CreatedRange | undefined,
): [number, number] {
  if (!range) return [0, items.length];
  let min = -Infinity;
  let max = Infinity;
  if (range.gte !== undefined) min = Math.max(min, range.gte);
  if (range.gt !== undefined) min = Math.max(min, range.gt + 1);
  if (range.lte !== undefined) max = Math.min(max, range.lte);
  if (range.lt !== undefined) max = Math.min(max, range.lt - 1);
  if (min > max) return [0, 0];
  return [
    min === -Infinity ? 0 : lowerBound(items, min),
    max === Infinity ? items.length : lowerBound(items, max + 1),
  ];
}

/**
 * Pages through items kept oldest-first (by insertion), returning newest-first like Stripe.
 * `positionOf` maps a cursor id to its index; `match` applies the endpoint's own filters.
 */
export function paginate<T extends { created: number }>(
  items: readonly T[],
  positionOf: (id: string) => number | undefined,
  query: ListQuery,
  match: (item: T) => boolean = () => true,
  minIndex = 0,
): Page<T> {
  const [start, to] = createdWindow(items, query.created);
  const from = Math.max(start, minIndex);
  const data: T[] = [];
  if (query.endingBefore !== undefined) {
    const pos = positionOf(query.endingBefore);
    if (pos === undefined)
      throw invalidRequest(
        `No such object: '${query.endingBefore}'`,
        'ending_before',
        'resource_missing',
        404,
      );
    let i = Math.max(pos + 1, from);
    for (; i < to && data.length < query.limit; i++) if (match(items[i]!)) data.push(items[i]!);
    let hasMore = false;
    for (; i < to; i++)
      if (match(items[i]!)) {
        hasMore = true;
        break;
      }
    return { data: data.reverse(), hasMore };
  }
  let i = to - 1;
  if (query.startingAfter !== undefined) {
    const pos = positionOf(query.startingAfter);
    if (pos === undefined)
      throw invalidRequest(
        `No such object: '${query.startingAfter}'`,
        'starting_after',
        'resource_missing',
        404,
      );
    i = Math.min(i, pos - 1);
  }
  for (; i >= from && data.length < query.limit; i--) if (match(items[i]!)) data.push(items[i]!);
  let hasMore = false;
  for (; i >= from; i--)
    if (match(items[i]!)) {
      hasMore = true;
      break;
    }
  return { data, hasMore };
}
