// Codes for the Codes page: one tab (discount or referral) at a time, filtered, searched, paged and sorted in SQL,
// each with the latest pause or resume asked of Stripe.
import type { ParsedInputOf } from '../../shared/contract';
import type { Page } from '../../shared/contract/define';
import type { CodeChange, CodeRow, CodeStatus } from '../../shared/contract/codes';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { dashboardUrl, escapeLike, Where } from '../payments/sql';
import { UNLIMITED_USES } from './projectors/promotion-code';
import { jobItem, latestRequestFor } from '../outbox/requests';

export type CodeQuery = ParsedInputOf<'codes.list'>;

/** The intent of a pause or resume: its requests are found by the code's id. */
export const CODE_STATUS_INTENT = 'code_status';

const TABLE = { discount: 'discount_codes', referral: 'referral_codes' } as const;

const SORT_SQL: Record<CodeQuery['sort']['column'], string> = {
  code: 'c.code',
  percentage: 'c.discount_percentage',
  uses: 'c.uses_count',
  expires: "ifnull(c.expires_at, '9999-12-31')",
  created: 'c.created_at',
};

/** A code's status on a London date, in SQL (and the same rule as `statusOf`). */
const STATUS_SQL: Record<CodeStatus, string> = {
  paused: 'c.is_active = 0',
  expired: 'c.is_active = 1 AND c.expires_at < @today',
  exhausted: 'c.is_active = 1 AND ifnull(c.expires_at, @today) >= @today AND c.uses_count >= c.max_uses',
  active: 'c.is_active = 1 AND ifnull(c.expires_at, @today) >= @today AND c.uses_count < c.max_uses',
};

interface Row {
  id: string;
  code: string;
  discount_percentage: number;
  uses_count: number;
  max_uses: number;
  expires_at: string | null;
  is_active: number;
  stripe_promotion_code_id: string | null;
  active_in_stripe: number | null;
  referrer_id: string | null;
  referrer_name: string | null;
  created_at: number;
}

function statusOf(r: Row, today: string): CodeStatus {
  if (r.is_active === 0) return 'paused';
  if (r.expires_at !== null && r.expires_at < today) return 'expired';
  return r.uses_count >= r.max_uses ? 'exhausted' : 'active';
}

function changeOf(sqlite: Sqlite, codeId: string, names: Map<string, string>): CodeChange | null {
  const r = latestRequestFor(sqlite, CODE_STATUS_INTENT, codeId);
  if (!r) return null;
  return {
    requestId: r.id,
    jobId: r.jobId,
    active: r.params.active === true,
    state: r.state,
    detail: jobItem(r).detail,
    requestedBy: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
    requestedAt: r.createdAt,
  };
}

export function listCodes(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: CodeQuery,
  today: string,
): Page<CodeRow> {
  const referral = query.kind === 'referral';
  const where = new Where();
  if (query.status) where.add(STATUS_SQL[query.status]);
  if (query.q) where.add("c.code LIKE @q ESCAPE '\\'");
  const params = { today, q: `%${escapeLike(query.q?.toUpperCase() ?? '')}%` };
  const from = `FROM ${TABLE[query.kind]} c ${referral ? 'LEFT JOIN users u ON u.id = c.referrer_id' : ''} ${where.sql}`;
  const total = sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = sqlite
    .prepare(
      `SELECT c.id, c.code, c.discount_percentage, c.uses_count, c.max_uses, c.expires_at, c.is_active,
              c.stripe_promotion_code_id, c.created_at,
              (SELECT json_extract(o.payload, '$.active') FROM stripe_objects o
                 WHERE o.id = c.stripe_promotion_code_id) AS active_in_stripe,
              ${referral ? 'c.referrer_id, u.name AS referrer_name' : 'NULL AS referrer_id, NULL AS referrer_name'}
       ${from} ORDER BY ${SORT_SQL[query.sort.column]} ${direction}, c.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as Row[];
  const names = new Map(
    (
      sqlite.prepare('SELECT u.id, u.name FROM operators o JOIN users u ON u.id = o.user_id').all() as {
        id: string;
        name: string;
      }[]
    ).map((o) => [o.id, o.name]),
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: query.kind,
      code: r.code,
      percentage: r.discount_percentage,
      usesCount: r.uses_count,
      maxUses: r.max_uses >= UNLIMITED_USES ? null : r.max_uses,
      expiresOn: r.expires_at,
      isActive: r.is_active === 1,
      activeInStripe: r.active_in_stripe === 1,
      status: statusOf(r, today),
      referrer: r.referrer_id ? { id: r.referrer_id, name: r.referrer_name ?? r.referrer_id } : null,
      stripePromotionCodeId: r.stripe_promotion_code_id,
      dashboardUrl: r.stripe_promotion_code_id
        ? dashboardUrl(mode, 'promotion_codes', r.stripe_promotion_code_id)
        : null,
      change: changeOf(sqlite, r.id, names),
      createdAt: r.created_at,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
