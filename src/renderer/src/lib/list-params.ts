// Paging and sorting kept in the route: `page=3&sort=created_at.desc`.
import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Page } from '@shared/contract';
import type { SortState } from '../components/ui/DataTable';
import { apiErrorOf } from './api';

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

/** The DataTable props every routed list page shares: rows and total from its query; page, sort and the open row in the route. */
export function routedTableProps<T extends { id: string }>(
  list: UseQueryResult<Page<T>>,
  route: {
    page: number;
    pageSize: number;
    sort: SortState;
    openId: string | null;
    setParams: (patch: Record<string, string | undefined>) => void;
  },
) {
  const { setParams } = route;
  return {
    rows: list.data?.rows,
    getRowId: (row: T) => row.id,
    total: list.data?.total ?? 0,
    totalCapped: list.data?.totalCapped ?? false,
    page: route.page,
    pageSize: route.pageSize,
    onPageChange: (p: number) => setParams({ page: String(p) }),
    sort: route.sort,
    onSortChange: (s: SortState) => setParams({ sort: writeSort(s), page: undefined }),
    onRowOpen: (row: T) => setParams({ id: row.id }),
    openRowId: route.openId,
    loading: list.isFetching,
    error: list.isError ? apiErrorOf(list.error) : null,
    onRetry: () => void list.refetch(),
  };
}

/** Stable setters for a list's filters kept in the route: changing any filter goes back to page 1. */
export function useFilterSetters(setParams: (patch: Record<string, string | undefined>) => void) {
  return useMemo(
    () => ({
      filter: (key: string) => (value: string) => setParams({ [key]: value || undefined, page: undefined }),
      search: (value: string | undefined) => setParams({ q: value, page: undefined }),
    }),
    [setParams],
  );
}
