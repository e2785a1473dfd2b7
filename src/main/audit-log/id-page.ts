// The Audit log searched for an id and nothing else: its page and capped count read the id ranges' seqs alone.
import type { AuditEntry } from '../../shared/contract/audit';
import type { Page } from '../../shared/contract/define';
import { idSearch } from '../../shared/ids';
import type { Sqlite } from '../db/open';
import { countUpTo } from '../db/sql';
import { idMatchesEntry, idMatchSeqs } from '../audit/ids';
import { type AuditQuery, type AuditRow, SELECT_ENTRY, toEntry } from '../audit/queries';

/**
 * A walk reads at most this many entries per row up to the page's end: it fills the page when about a twentieth of
 * the log's newest (or oldest) entries hold the id, at about 1.3 µs an entry; sorting the matches' seqs costs about
 * 0.3 µs a match (docs/architecture.md, "an id is a range of an index").
 */
const WALK_PER_ROW = 20;

/**
 * The page of an id search with no other filter, in seq order, for a role that reads every entry; null for any other
 * query (listAudit answers it). A short id prefix can match a tenth of the log (`pi_bench_5`: 111,111 of 1M entries).
 * The count stops at the cap without reading an entry. Past the cap, the page first walks the log from the newest (or
 * oldest) entry, testing each against the id's ranges by its seq; when the matches are elsewhere in the log, or fewer
 * than the cap, the ranges' distinct seqs are sorted. Only the page's entries are read.
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
  const offset = (query.page - 1) * query.pageSize;
  const seqs =
    (count.totalCapped && walkedSeqs(sqlite, id, direction, offset, query.pageSize)) ||
    (sqlite
      .prepare(`SELECT DISTINCT seq FROM (${matches}) ORDER BY seq ${direction} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, query.pageSize, offset) as number[]);
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

/**
 * The page's seqs read by walking at most WALK_PER_ROW entries per row up to the page's end, in seq order, each tested
 * against the id's ranges by its seq; null when the page did not fill and entries were left unwalked.
 */
function walkedSeqs(
  sqlite: Sqlite,
  id: string,
  direction: 'ASC' | 'DESC',
  offset: number,
  limit: number,
): number[] | null {
  // Seqs start at 1 and have no gaps, so the walk is a range of seqs, read in the seq index's order.
  const entries = sqlite.prepare('SELECT max(seq) FROM audit_logs').pluck().get() as number;
  const window = Math.min(entries, WALK_PER_ROW * (offset + limit));
  const [low, high] = direction === 'DESC' ? [entries - window + 1, entries] : [1, window];
  const match = idMatchesEntry(id, low, high);
  const seqs = sqlite
    .prepare(
      `SELECT a.seq FROM audit_logs a WHERE a.seq BETWEEN ? AND ? AND ${match.sql}
       ORDER BY a.seq ${direction} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(low, high, ...match.params, limit, offset) as number[];
  return seqs.length === limit || window === entries ? seqs : null;
}
