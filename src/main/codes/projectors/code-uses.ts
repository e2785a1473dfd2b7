// A code's uses_count: the payments that used it and succeeded (DOMAIN.md §3) — refunded or disputed ones too, for a
// refund does not give the use back. Read after payments are projected, so it never depends on arrival order.
import type { ProjectionContext } from '../../projection/context';
import { writeRow } from '../../projection/rows';

/** Payment statuses that mean the learner was charged with the code (0049_code_use_counts's triggers say them too). */
export const USED_STATUSES = "('succeeded', 'partially_refunded', 'refunded', 'disputed')";

const TABLES = [
  { table: 'discount_codes', kind: 'discount', entity: 'discount_code' },
  { table: 'referral_codes', kind: 'referral', entity: 'referral_code' },
] as const;

export function projectCodeUses(ctx: ProjectionContext, root: string): void {
  const id = root.slice('codeuses:'.length);
  for (const { table, kind, entity } of TABLES) {
    if (!ctx.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) continue;
    // Kept by triggers on payments: counting the payments here grew with the code's popularity (docs/sync.md).
    const uses = ctx
      .stmt('SELECT uses FROM code_use_counts WHERE kind = ? AND code_id = ?')
      .pluck()
      .get(kind, id) as number | undefined;
    writeRow(ctx, table, entity, { id, uses_count: uses ?? 0 });
  }
}
