// Paging and sorting kept in the route: `page=3&sort=created_at.desc`.
import type { SortState } from '../components/ui/DataTable';

export function readPage(params: URLSearchParams): number {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function readSort<C extends string>(
  params: URLSearchParams,
  allowed: readonly C[],
  fallback: { column: C; direction: 'asc' | 'desc' },
): { column: C; direction: 'asc' | 'desc' } {
  const raw = params.get('sort') ?? '';
  const [column, direction] = raw.split('.');
  if (allowed.includes(column as C) && (direction === 'asc' || direction === 'desc'))
    return { column: column as C, direction };
  return fallback;
}

export const writeSort = (sort: SortState): string => `${sort.column}.${sort.direction}`;
