// Codes for the Codes page: one tab (discount or referral) at a time, filtered, searched, paged and sorted in SQL,
// each with its revenue, who made it, how it stands in Stripe and what a person should look at.
import type { ParsedInputOf } from '../../shared/contract';
import type { Page } from '../../shared/contract/define';
import type { CodeFlag, CodeRow, CodeStatus, CsvFile } from '../../shared/contract/codes';
import { toCsv } from '../../shared/csv';
import { londonDate } from '../../shared/dates';
import { penceAsDecimal } from '../../shared/money';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { dashboardUrl, escapeLike, Where } from '../db/sql';
import { UNLIMITED_USES } from './code-text';
import { definitionById } from './definitions';
import { stripeStateOf } from './mirror';
import { USED_STATUSES } from './projectors/code-uses';

export type CodeQuery = ParsedInputOf<'codes.list'>;
type CodeFilters = ParsedInputOf<'codes.csv'>;

export const CODE_TABLES = {
  discount: { table: 'discount_codes', column: 'discount_code_id' },
  referral: { table: 'referral_codes', column: 'referral_code_id' },
} as const;

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

export interface CodeDbRow {
  id: string;
  code: string;
  discount_percentage: number;
  uses_count: number;
  max_uses: number;
  expires_at: string | null;
  is_active: number;
  stripe_promotion_code_id: string | null;
  stripe_times_redeemed: number | null;
  referrer_id: string | null;
  referrer_name: string | null;
  created_at: number;
  created_by_name: string | null;
  origin: 'console' | 'stripe' | null;
  batch_id: string | null;
  revenue: number;
  own_referrer_uses: number;
}

function statusOf(r: CodeDbRow, today: string): CodeStatus {
  if (r.is_active === 0) return 'paused';
  if (r.expires_at !== null && r.expires_at < today) return 'expired';
  return r.uses_count >= r.max_uses ? 'exhausted' : 'active';
}

/** The SELECT of code rows of one kind with what the page shows beside them. */
export function codeSelect(kind: CodeRow['kind']): string {
  const { table, column } = CODE_TABLES[kind];
  const referral = kind === 'referral';
  return `SELECT c.id, c.code, c.discount_percentage, c.uses_count, c.max_uses, c.expires_at, c.is_active,
            c.stripe_promotion_code_id, c.stripe_times_redeemed, c.created_at, d.batch_id, d.origin, cu.name AS created_by_name,
            (SELECT ifnull(sum(p.total_amount_pence), 0) FROM payments p
               WHERE p.${column} = c.id AND p.status IN ${USED_STATUSES}) AS revenue,
            ${
              referral
                ? `c.referrer_id, u.name AS referrer_name,
                   (SELECT count(*) FROM payments p WHERE p.referral_code_id = c.id AND p.learner_id = c.referrer_id
                      AND p.status IN ${USED_STATUSES}) AS own_referrer_uses`
                : 'NULL AS referrer_id, NULL AS referrer_name, 0 AS own_referrer_uses'
            }
          FROM ${table} c
          LEFT JOIN code_definitions d ON d.id = c.id
          LEFT JOIN users cu ON cu.id = d.created_by
          ${referral ? 'LEFT JOIN users u ON u.id = c.referrer_id' : ''}`;
}

function flagsOf(r: CodeDbRow, madeInStripe: boolean): CodeFlag[] {
  const flags: CodeFlag[] = [];
  if (r.stripe_times_redeemed !== null && r.stripe_times_redeemed !== r.uses_count)
    flags.push({
      kind: 'count_differs',
      message: `Stripe counted ${r.stripe_times_redeemed} redemption${r.stripe_times_redeemed === 1 ? '' : 's'}; ${r.uses_count} succeeded payment${r.uses_count === 1 ? '' : 's'} used it.`,
    });
  if (madeInStripe)
    flags.push({
      kind: 'made_in_stripe',
      message: 'Made in Stripe, not in the console: take it over to manage it here.',
    });
  if (r.own_referrer_uses > 0)
    flags.push({
      kind: 'own_referrer',
      message: `Used ${r.own_referrer_uses} time${r.own_referrer_uses === 1 ? '' : 's'} by its own referrer, which the rules forbid.`,
    });
  return flags;
}

export function toCodeRow(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  kind: CodeRow['kind'],
  r: CodeDbRow,
  today: string,
): CodeRow {
  const definition = definitionById(sqlite, r.id);
  return {
    id: r.id,
    kind,
    code: r.code,
    percentage: r.discount_percentage,
    usesCount: r.uses_count,
    maxUses: r.max_uses >= UNLIMITED_USES ? null : r.max_uses,
    expiresOn: r.expires_at,
    isActive: r.is_active === 1,
    status: statusOf(r, today),
    referrer: r.referrer_id ? { id: r.referrer_id, name: r.referrer_name ?? r.referrer_id } : null,
    revenuePence: r.revenue,
    madeIn: r.origin === 'console' ? 'console' : 'stripe',
    createdBy: r.origin === 'console' ? r.created_by_name : null,
    takenOverBy: r.origin === 'stripe' ? r.created_by_name : null,
    createdAt: r.created_at,
    batchId: r.batch_id,
    stripe: stripeStateOf(sqlite, definition, today),
    stripePromotionCodeId: r.stripe_promotion_code_id,
    dashboardUrl: r.stripe_promotion_code_id
      ? dashboardUrl(mode, 'promotion_codes', r.stripe_promotion_code_id)
      : null,
    stripeTimesRedeemed: r.stripe_times_redeemed,
    flags: flagsOf(r, definition === null),
  };
}

/** The codes matching a list's filters, in its order: one page, or (`limit` -1) all of them. */
function selectCodes(sqlite: Sqlite, query: CodeFilters, today: string, limit: number, offset: number) {
  const where = new Where();
  if (query.status) where.add(STATUS_SQL[query.status]);
  if (query.q) where.add("c.code LIKE @q ESCAPE '\\'");
  const params = { today, q: `%${escapeLike(query.q?.toUpperCase() ?? '')}%` };
  const { table } = CODE_TABLES[query.kind];
  const total = sqlite.prepare(`SELECT count(*) FROM ${table} c ${where.sql}`).pluck().get(params) as number;
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = sqlite
    .prepare(
      `${codeSelect(query.kind)} ${where.sql}
       ORDER BY ${SORT_SQL[query.sort.column]} ${direction}, c.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as CodeDbRow[];
  return { rows, total };
}

export function listCodes(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: CodeQuery,
  today: string,
): Page<CodeRow> {
  const { rows, total } = selectCodes(
    sqlite,
    query,
    today,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return {
    rows: rows.map((r) => toCodeRow(sqlite, mode, query.kind, r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const STATUS_WORDS: Record<CodeStatus, string> = {
  active: 'active',
  paused: 'deactivated',
  expired: 'expired',
  exhausted: 'used up',
};
const STRIPE_WORDS: Record<CodeRow['stripe']['state'], string> = {
  in_step: 'in Stripe',
  sending: 'on its way to Stripe',
  refused: 'refused by Stripe',
  out_of_step: 'out of step with Stripe',
  stripe_only: 'made in Stripe',
};

/** Every code matching the list's filters, in its order, as a CSV file. */
export function codesCsv(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  query: CodeFilters,
  today: string,
): CsvFile {
  const referral = query.kind === 'referral';
  const rows = selectCodes(sqlite, query, today, -1, 0).rows.map((r) =>
    toCodeRow(sqlite, mode, query.kind, r, today),
  );
  return {
    filename: `${query.kind}-codes-${today}.csv`,
    csv: toCsv(
      [
        'Code',
        ...(referral ? ['Referrer'] : []),
        'Percent off',
        'Uses',
        'Max uses',
        'Expires (last day)',
        'Status',
        'Stripe',
        'Revenue (GBP)',
        'Created by',
        'Created',
      ],
      rows.map((r) => [
        r.code,
        ...(referral ? [r.referrer?.name ?? ''] : []),
        r.percentage,
        r.usesCount,
        r.maxUses ?? 'no limit',
        r.expiresOn ?? 'never',
        STATUS_WORDS[r.status],
        STRIPE_WORDS[r.stripe.state],
        penceAsDecimal(r.revenuePence),
        r.createdBy ?? (r.takenOverBy ? `Stripe (taken over by ${r.takenOverBy})` : 'Stripe'),
        londonDate(r.createdAt),
      ]),
    ),
  };
}
