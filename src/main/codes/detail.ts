// One code's insight: uses and revenue week by week, what it cost the platform (discounts, which it absorbs),
// refunds, the net fee (negative is a subsidy), its promotion codes in Stripe and the writes made for it.
import type { CodeDetail, CodeRow } from '../../shared/contract/codes';
import { addDays, londonDate, londonMidnight, weekday } from '../../shared/dates';
import type { WorkspaceInfo } from '../api/context';
import { notFound } from '../api/errors';
import type { Sqlite } from '../db/open';
import { dashboardUrl } from '../db/sql';
import { jobItem, requestById } from '../outbox/requests';
import { CODE_INTENT, stripeSide } from './mirror';
import { USED_STATUSES } from './projectors/code-uses';
import { CODE_TABLES, codeSelect, toCodeRow, type CodeDbRow } from './queries';

/** The Monday a UK date's week starts on. */
const weekOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));

/** The most weeks a chart shows (five years). */
const MAX_WEEKS = 260;

export function codeDetail(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  codeId: string,
  today: string,
): CodeDetail {
  const found = findRow(sqlite, codeId);
  if (!found) throw notFound('A code with this id');
  const code = toCodeRow(sqlite, mode, found.kind, found.row, today);
  const { column } = CODE_TABLES[found.kind];
  const used = `FROM payments WHERE ${column} = ? AND status IN ${USED_STATUSES}`;
  const totals = sqlite
    .prepare(
      `SELECT count(*) AS uses, ifnull(sum(total_amount_pence), 0) AS revenuePence,
              ifnull(sum(discount_pence), 0) AS discountPence, ifnull(sum(amount_refunded_pence), 0) AS refundedPence,
              ifnull(sum(platform_fee_pence), 0) AS netFeePence, ifnull(sum(instructor_amount_pence), 0) AS instructorPence
       ${used}`,
    )
    .get(codeId) as CodeDetail['totals'];
  const payments = sqlite
    .prepare(`SELECT created_at, total_amount_pence ${used} ORDER BY created_at`)
    .raw()
    .iterate(codeId) as IterableIterator<[number, number]>;
  return {
    code,
    weeks: weekly(payments, today),
    totals,
    ownReferrerUses: found.row.own_referrer_uses,
    promotions: promotionsOf(sqlite, mode, code),
    writes: writesOf(sqlite, codeId),
  };
}

function findRow(sqlite: Sqlite, id: string): { kind: CodeRow['kind']; row: CodeDbRow } | null {
  for (const kind of ['discount', 'referral'] as const) {
    const row = sqlite.prepare(`${codeSelect(kind)} WHERE c.id = ?`).get(id) as CodeDbRow | undefined;
    if (row) return { kind, row };
  }
  return null;
}

/** Uses and revenue per week from the first use to this week, gaps filled (payments in time order). */
function weekly(payments: Iterable<[number, number]>, today: string): CodeDetail['weeks'] {
  const weeks = new Map<string, { uses: number; revenuePence: number }>();
  let dayEnd = -Infinity;
  let week = '';
  for (const [at, total] of payments) {
    if (at >= dayEnd) {
      // A new UK day: one date computation per day, not per payment.
      const day = londonDate(at);
      dayEnd = londonMidnight(addDays(day, 1));
      week = weekOf(day);
    }
    const w = weeks.get(week) ?? { uses: 0, revenuePence: 0 };
    w.uses += 1;
    w.revenuePence += total;
    weeks.set(week, w);
  }
  if (weeks.size === 0) return [];
  const last = weekOf(today);
  let from = [...weeks.keys()][0]!;
  if (from < addDays(last, -7 * (MAX_WEEKS - 1))) from = addDays(last, -7 * (MAX_WEEKS - 1));
  const out: CodeDetail['weeks'] = [];
  for (let w = from; w <= last; w = addDays(w, 7))
    out.push({ week: w, ...(weeks.get(w) ?? { uses: 0, revenuePence: 0 }) });
  return out;
}

function promotionsOf(sqlite: Sqlite, mode: WorkspaceInfo['mode'], code: CodeRow): CodeDetail['promotions'] {
  return stripeSide(sqlite, code.code, code.id)
    .all.map((t) => ({
      id: t.promo.id,
      active: t.promo.active === true,
      maxRedemptions: t.maxRedemptions,
      expiresOn: t.expiresOn,
      timesRedeemed: t.timesRedeemed,
      percentage: t.percentage,
      createdAt: t.created * 1000,
      mirrored: t.promo.id === code.stripePromotionCodeId,
      dashboardUrl: dashboardUrl(mode, 'promotion_codes', t.promo.id),
    }))
    .reverse();
}

function writesOf(sqlite: Sqlite, codeId: string): CodeDetail['writes'] {
  const ids = sqlite
    .prepare(
      'SELECT id FROM stripe_requests WHERE intent_type = ? AND intent_id = ? ORDER BY seq DESC LIMIT 50',
    )
    .pluck()
    .all(CODE_INTENT, codeId) as string[];
  const name = sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck();
  return ids.map((id) => {
    const r = requestById(sqlite, id)!;
    return {
      ...jobItem(r),
      requestId: r.id,
      jobId: r.jobId,
      requestedBy: r.requestedBy ? ((name.get(r.requestedBy) as string | undefined) ?? null) : null,
      requestedAt: r.createdAt,
    };
  });
}
