// A code's uses_count: the payments that used it and succeeded (DOMAIN.md §3) — refunded or disputed ones too, for a
// refund does not give the use back. Counted after payments are projected, so it never depends on arrival order.
import type { ProjectionContext } from '../../projection/context';
import { writeRow } from '../../projection/rows';

/** Payment statuses that mean the learner was charged with the code. */
export const USED_STATUSES = "('succeeded', 'partially_refunded', 'refunded', 'disputed')";

const TABLES = [
  { table: 'discount_codes', column: 'discount_code_id', entity: 'discount_code' },
  { table: 'referral_codes', column: 'referral_code_id', entity: 'referral_code' },
] as const;

export function projectCodeUses(ctx: ProjectionContext, root: string): void {
  const id = root.slice('codeuses:'.length);
  for (const { table, column, entity } of TABLES) {
    if (!ctx.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) continue;
    const uses = ctx
      .stmt(`SELECT count(*) FROM payments WHERE ${column} = ? AND status IN ${USED_STATUSES}`)
      .pluck()
      .get(id) as number;
    writeRow(ctx, table, entity, { id, uses_count: uses });
  }
}
