// Input schemas shared by many methods: paging, sorting, dates, ids, and names.
import { z } from 'zod';
import { ISO_DATE, isRealDate } from '../dates';

/** A record's id; the error map names the record by its field's label (messages.ts). */
export const uuid = z.uuid();
/** A calendar date as YYYY-MM-DD that exists: 2099-02-31 and 2026-13-01 are refused like any malformed text. */
export const isoDate = z
  .string()
  .regex(ISO_DATE, { message: 'Enter a date as YYYY-MM-DD, like 2026-12-04.', abort: true })
  .refine(isRealDate, 'That date is not a day that exists.');
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

/** The formats a list exports every matching row in (a job main writes: src/main/exports). */
export const LIST_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ListExportFormat = (typeof LIST_EXPORT_FORMATS)[number];
/** A list's export: its filters (every row they match, not a page) and the file's format. */
export const listExport = <S extends z.core.$ZodLooseShape>(filters: S) =>
  z.strictObject({ ...filters, format: z.enum(LIST_EXPORT_FORMATS) });
