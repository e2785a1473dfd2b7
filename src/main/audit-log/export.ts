// Every audit entry the Audit filters match and the caller's role may read (scope.ts), not the page on screen, as
// an export job (CSV or XLSX through src/main/exports), oldest first with the values as JSON and each entry's hash.
import type { ParsedInputOf } from '../../shared/contract';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { pagedRows } from '../exports/pages';
import { startExport } from '../exports/run-export';
import { sheet } from '../exports/table';
import { SELECT_ENTRY, whereClause, type AuditRow } from '../audit/queries';
import { auditScope } from '../audit/scope';

type ExportRow = AuditRow & { _at: number; _id: string };

export function startAuditExport(
  ctx: HandlerContext,
  input: ParsedInputOf<'audit.export'>,
): { jobId: string } {
  const { format, ...filters } = input;
  const { sqlite } = ctx;
  const where = whereClause(sqlite, filters, auditScope(requireOperator(ctx).role));
  const and = where.sql ? `${where.sql} AND` : 'WHERE';
  const entries = sheet<ExportRow>({
    name: 'Audit log',
    columns: [
      { header: 'Seq', kind: 'integer', value: (r) => r.seq },
      { header: 'When', kind: 'instant', value: (r) => r.created_at },
      { header: 'Actor', kind: 'text', value: (r) => r.actor, width: 10 },
      { header: 'Operator', kind: 'text', value: (r) => r.operator_name, width: 20 },
      { header: 'Entity type', kind: 'text', value: (r) => r.entity_type, width: 18 },
      { header: 'Entity id', kind: 'id', value: (r) => r.entity_id, width: 38 },
      { header: 'Action', kind: 'text', value: (r) => r.action, width: 18 },
      { header: 'Old values', kind: 'text', value: (r) => r.old_values, width: 50 },
      { header: 'New values', kind: 'text', value: (r) => r.new_values, width: 50 },
      { header: 'Hash', kind: 'id', value: (r) => r.hash, width: 66 },
    ],
    count: () =>
      sqlite
        .prepare(`SELECT count(*) FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id ${where.sql}`)
        .pluck()
        .get(...where.params) as number,
    rows: () =>
      pagedRows<ExportRow>(
        sqlite,
        (after) => `${SELECT_ENTRY.replace('SELECT ', 'SELECT a.seq AS _at, a.id AS _id, ')} ${and} ${after}`,
        where.params,
        { at: 'a.seq', id: 'a.id' },
      ),
  });
  return startExport(ctx, {
    title: `Export the audit log (${format.toUpperCase()})`,
    baseName: `lplate-audit-log-${londonDate(ctx.clock.now())}`,
    format,
    sheets: [entries],
    audit: { entityType: 'export', entityId: 'audit-log', details: { list: 'audit', filters } },
  });
}
