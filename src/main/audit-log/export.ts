// Every audit entry the Audit filters match and the caller's role may read (scope.ts), not the page on screen, as
// an export job (CSV or XLSX through src/main/exports), oldest first with the values as JSON and each entry's hash;
// under each sync batch entry, the changes it holds that the same filters select, one row each (docs/ledger.md).
import type { ParsedInputOf } from '../../shared/contract';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { pagedRows } from '../exports/pages';
import { startExport } from '../exports/run-export';
import { sheet } from '../exports/table';
import { changesFilter } from '../audit/batch-changes';
import type { Sqlite } from '../db/open';
import { SELECT_ENTRY, whereClause, type AuditFilters, type AuditRow } from '../audit/queries';
import { auditScope } from '../audit/scope';
import { isSyncBatch, type StoredChange } from '../audit/sync-batch';

/** A row of the file: an entry, or one change of the sync batch entry just above it. */
interface ExportRow {
  kind: 'entry' | 'change';
  seq: number;
  /** The change's place in its batch, from 1; null on an entry. */
  change: number | null;
  created_at: number;
  actor: string;
  operator_name: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  old_values: string | null;
  new_values: string | null;
  /** The projection root that wrote a change; null on an entry. */
  root: string | null;
  /** The entry's chain hash; null on a change, which its batch entry's hash covers. */
  hash: string | null;
}

type EntryRow = AuditRow & { _at: number; _id: string };

const PAGE = 1000;

/** The file's one sheet: what the Audit log's filters match and `scope` reads, batch changes under their entries. */
export function auditSheet(sqlite: Sqlite, filters: AuditFilters, scope: readonly string[] | null) {
  const where = whereClause(sqlite, filters, scope);
  const and = where.sql ? `${where.sql} AND` : 'WHERE';
  const changes = changesFilter(filters, scope, 'c.');

  const changesPage = sqlite.prepare(
    `SELECT * FROM audit_sync_changes c WHERE c.seq = ? AND ${changes.sql} AND c.n > ? ORDER BY c.n LIMIT ${PAGE}`,
  );
  /** A batch's selected changes, a page at a time on its key (seq, n): a batch of any size is never held whole. */
  function* batchChanges(seq: number): Generator<StoredChange> {
    for (let last = -1; ;) {
      const page = changesPage.all(seq, ...changes.params, last) as StoredChange[];
      yield* page;
      if (page.length < PAGE) return;
      last = page.at(-1)!.n;
    }
  }

  /** Each entry, then, for a batch entry, its selected changes. */
  function* rows(): Generator<ExportRow> {
    const entries = pagedRows<EntryRow>(
      sqlite,
      (after) => `${SELECT_ENTRY.replace('SELECT ', 'SELECT a.seq AS _at, a.id AS _id, ')} ${and} ${after}`,
      where.params,
      { at: 'a.seq', id: 'a.id' },
    );
    for (const e of entries) {
      yield { ...e, kind: 'entry', change: null, root: null };
      if (!isSyncBatch(e)) continue;
      for (const c of batchChanges(e.seq))
        yield {
          kind: 'change',
          seq: e.seq,
          change: c.n + 1,
          created_at: e.created_at,
          actor: e.actor,
          operator_name: null,
          entity_type: c.entity_type,
          entity_id: c.entity_id,
          action: c.action,
          old_values: c.old_values,
          new_values: c.new_values,
          root: c.root,
          hash: null,
        };
    }
  }

  return sheet<ExportRow>({
    name: 'Audit log',
    columns: [
      { header: 'Seq', kind: 'integer', value: (r) => r.seq },
      { header: 'Kind', kind: 'text', value: (r) => r.kind, width: 8 },
      { header: 'Change no.', kind: 'integer', value: (r) => r.change },
      { header: 'When', kind: 'instant', value: (r) => r.created_at },
      { header: 'Actor', kind: 'text', value: (r) => r.actor, width: 10 },
      { header: 'Operator', kind: 'text', value: (r) => r.operator_name, width: 20 },
      { header: 'Entity type', kind: 'text', value: (r) => r.entity_type, width: 18 },
      { header: 'Entity id', kind: 'id', value: (r) => r.entity_id, width: 38 },
      { header: 'Action', kind: 'text', value: (r) => r.action, width: 18 },
      { header: 'Old values', kind: 'text', value: (r) => r.old_values, width: 50 },
      { header: 'New values', kind: 'text', value: (r) => r.new_values, width: 50 },
      { header: 'Root', kind: 'id', value: (r) => r.root, width: 40 },
      { header: 'Hash', kind: 'id', value: (r) => r.hash, width: 66 },
    ],
    // The entries, and the changes under them (only batch entries have any) that the filters select.
    count: () => {
      const from = `FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id`;
      const count = (sql: string, ...params: unknown[]) =>
        sqlite
          .prepare(sql)
          .pluck()
          .get(...params) as number;
      return (
        count(`SELECT count(*) ${from} ${where.sql}`, ...where.params) +
        count(
          `SELECT count(*) ${from} JOIN audit_sync_changes c ON c.seq = a.seq ${and} ${changes.sql}`,
          ...where.params,
          ...changes.params,
        )
      );
    },
    rows,
  });
}

export function startAuditExport(
  ctx: HandlerContext,
  input: ParsedInputOf<'audit.export'>,
): { jobId: string } {
  const { format, ...filters } = input;
  const scope = auditScope(requireOperator(ctx).role);
  return startExport(ctx, {
    title: `Export the audit log (${format.toUpperCase()})`,
    baseName: `lplate-audit-log-${londonDate(ctx.clock.now())}`,
    format,
    sheets: [auditSheet(ctx.sqlite, filters, scope)],
    audit: { entityType: 'export', entityId: 'audit-log', details: { list: 'audit', filters } },
  });
}
