// Writes one projected row only when its values changed, with one audit row naming just the changed fields.
import type { AuditEntity } from '../../shared/names';
import type { ProjectionContext } from './context';

export type RowValue = string | number | null;
export type Row = Record<string, RowValue>;

/** Booleans become 0/1 as SQLite stores them, so a comparison with the stored row is exact. */
export const flagValue = (b: boolean): number => (b ? 1 : 0);

/**
 * Inserts or updates `row` (keyed by `id`) in `table`. Columns in `keep` are written on insert but never
 * overwritten (values another projector owns). Returns 'created', 'updated' or null when nothing changed.
 */
export function writeRow(
  ctx: ProjectionContext,
  table: string,
  entityType: AuditEntity,
  row: Row,
  keep: readonly string[] = [],
): 'created' | 'updated' | null {
  const id = row.id as string;
  const existing = ctx.stmt(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  const columns = Object.keys(row);
  if (!existing) {
    ctx
      .stmt(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      .run(row);
    ctx.auditChange(entityType, id, 'sync_create', null, row);
    return 'created';
  }
  const oldValues: Row = {};
  const newValues: Row = {};
  for (const c of columns) {
    if (c === 'id' || keep.includes(c) || existing[c] === row[c]) continue;
    oldValues[c] = existing[c] ?? null;
    newValues[c] = row[c] ?? null;
  }
  const changed = Object.keys(newValues);
  if (changed.length === 0) return null;
  ctx.stmt(`UPDATE ${table} SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
    ...newValues,
    id,
  });
  ctx.auditChange(entityType, id, 'sync_update', oldValues, newValues);
  return 'updated';
}
