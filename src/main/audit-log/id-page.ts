// The Audit log searched for an id and nothing else: its page and capped count read the id ranges' seqs alone.
import type { AuditEntry } from '../../shared/contract/audit';
import type { Page } from '../../shared/contract/define';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';
import { countUpTo } from '../db/sql';
import { idMatchSeqs } from '../audit/ids';
import { type AuditQuery, type AuditRow, SELECT_ENTRY, toEntry } from '../audit/queries';

/**
 * The page of an id search with no other filter, in seq order, for a role that reads every entry; null for any other
 * query (listAudit answers it). A short id prefix can match a tenth of the log (`pi_bench_5`: 111,111 of 1M entries):
 * `a.seq IN (…)` gathered every match into a temporary index, once for the page and once for its count, and the
 * count read each of its entries. Here the count stops at the cap without reading an entry, and the page sorts the
 * ranges' distinct seqs alone (still every match: the ranges are in id order, not seq order); only the page's
 * entries are read.
 */
export function listAuditById(
  sqlite: Sqlite,
  query: AuditQuery,
  scope: readonly string[] | null,
): Page<AuditEntry> | null {
  const id = query.q ? idSearch(query.q) : null;
  const filtered = query.entityType || query.action || query.operatorId || query.from || query.to;
  if (id === null || filtered || scope !== null || query.sort.column !== 'seq') return null;
  const { sql: matches, params } = idMatchSeqs(id);
  // DISTINCT hands each new seq on as it meets it, so the count stops at the cap: an entry with two matching ids once.
  const count = countUpTo(sqlite, `FROM (SELECT DISTINCT seq FROM (${matches}))`, params, query);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const seqs = sqlite
    .prepare(`SELECT DISTINCT seq FROM (${matches}) ORDER BY seq ${direction} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as number[];
  const rows = sqlite
    .prepare(`${SELECT_ENTRY} WHERE a.seq IN (${seqs.map(() => '?').join(', ')}) ORDER BY a.seq ${direction}`)
    .all(...seqs) as AuditRow[];
  return {
    rows: rows.map(toEntry),
    ...count,
    page: query.page,
    pageSize: query.pageSize,
  };
}
