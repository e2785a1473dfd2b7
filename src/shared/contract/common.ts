// Input schemas shared by many methods: paging, sorting, dates, ids, and names.
import { z } from 'zod';
import { ISO_DATE } from '../dates';

export const uuid = z.uuid({ message: 'must be a UUID' });
export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a date in the calendar');
export const sortDirection = z.enum(['asc', 'desc']);

/** Paging with a whitelisted sort column; lists are paged and sorted in SQL. */
export function pageInput<const C extends readonly [string, ...string[]]>(
  sortColumns: C,
  defaultSort: C[number],
) {
  const sort = z.strictObject({ column: z.enum(sortColumns), direction: sortDirection });
  const defaultOrder: z.output<typeof sort> = { column: defaultSort, direction: 'desc' };
  return z.strictObject({
    page: z.int().min(1).max(1_000_000).default(1),
    pageSize: z.int().min(1).max(500).default(50),
    sort: sort.default(defaultOrder),
  });
}

export const noInput = z.strictObject({}).default({});
