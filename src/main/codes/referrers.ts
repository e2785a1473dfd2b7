// Referrers ranked by the learners their referral codes brought (other than themselves) and what those learners
// paid; and the whole table, or a generated batch of codes, as CSV files.
import type { ParsedInputOf } from '../../shared/contract';
import type { CsvFile, ReferrerRow } from '../../shared/contract/codes';
import type { Page } from '../../shared/contract/define';
import { toCsv } from '../../shared/csv';
import { penceAsDecimal } from '../../shared/money';
import { notFound } from '../api/errors';
import type { Sqlite } from '../db/open';
import { escapeLike } from '../db/sql';
import { definitionsOfBatch } from './definitions';
import { stripeStateOf } from './mirror';
import { USED_STATUSES } from './projectors/code-uses';

type Sort = ParsedInputOf<'codes.referrers'>['sort']['column'];

const SORT_SQL: Record<Sort, string> = {
  learners: 'referredLearners',
  revenue: 'revenuePence',
  uses: 'uses',
};

/** Payments by a referrer themself are not referrals (they are flagged on the code instead). */
const SELECT = `SELECT u.id, u.name, u.email, group_concat(DISTINCT rc.code) AS codes,
    count(DISTINCT p.learner_id) AS referredLearners, count(p.id) AS uses,
    ifnull(sum(p.total_amount_pence), 0) AS revenuePence, ifnull(sum(p.discount_pence), 0) AS discountPence
  FROM referral_codes rc
  JOIN users u ON u.id = rc.referrer_id
  LEFT JOIN payments p ON p.referral_code_id = rc.id AND p.status IN ${USED_STATUSES} AND p.learner_id <> rc.referrer_id`;

interface Row {
  id: string;
  name: string;
  email: string;
  codes: string;
  referredLearners: number;
  uses: number;
  revenuePence: number;
  discountPence: number;
}

function query(
  sqlite: Sqlite,
  sort: Sort,
  direction: 'asc' | 'desc',
  q: string | undefined,
  limit: number,
  offset: number,
) {
  const where = q ? "WHERE u.name LIKE @q ESCAPE '\\' OR u.email LIKE @q ESCAPE '\\'" : '';
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const rows = sqlite
    .prepare(
      `${SELECT} ${where} GROUP BY u.id ORDER BY ${SORT_SQL[sort]} ${dir}, u.name, u.id LIMIT @limit OFFSET @offset`,
    )
    .all({ q: `%${escapeLike(q ?? '')}%`, limit, offset }) as Row[];
  const total = sqlite
    .prepare(
      `SELECT count(DISTINCT rc.referrer_id) FROM referral_codes rc JOIN users u ON u.id = rc.referrer_id ${where}`,
    )
    .pluck()
    .get({ q: `%${escapeLike(q ?? '')}%` }) as number;
  return { rows, total };
}

const toReferrer = (r: Row): ReferrerRow => ({
  referrer: { id: r.id, name: r.name, email: r.email },
  codes: r.codes.split(',').sort(),
  referredLearners: r.referredLearners,
  uses: r.uses,
  revenuePence: r.revenuePence,
  discountPence: r.discountPence,
});

export function listReferrers(sqlite: Sqlite, input: ParsedInputOf<'codes.referrers'>): Page<ReferrerRow> {
  const { rows, total } = query(
    sqlite,
    input.sort.column,
    input.sort.direction,
    input.q,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  return { rows: rows.map(toReferrer), total, page: input.page, pageSize: input.pageSize };
}

export function referrersCsv(sqlite: Sqlite, sort: Sort, today: string): CsvFile {
  const { rows } = query(sqlite, sort, 'desc', undefined, -1, 0);
  return {
    filename: `referrers-${today}.csv`,
    csv: toCsv(
      ['Referrer', 'Email', 'Codes', 'Referred learners', 'Uses', 'Revenue (GBP)', 'Discount given (GBP)'],
      rows
        .map(toReferrer)
        .map((r) => [
          r.referrer.name,
          r.referrer.email,
          r.codes.join(' '),
          r.referredLearners,
          r.uses,
          penceAsDecimal(r.revenuePence),
          penceAsDecimal(r.discountPence),
        ]),
    ),
  };
}

export function batchCsv(sqlite: Sqlite, batchId: string, today: string): CsvFile {
  const codes = definitionsOfBatch(sqlite, batchId);
  if (codes.length === 0) throw notFound('A batch of codes with this id');
  const stateLabel = {
    in_step: 'in Stripe',
    sending: 'on its way to Stripe',
    refused: 'refused by Stripe',
    out_of_step: 'out of step with Stripe',
    stripe_only: 'in Stripe',
  } as const;
  return {
    filename: `codes-${codes[0]!.code.replace(/-[^-]*$/, '').toLowerCase()}-${today}.csv`,
    csv: toCsv(
      ['Code', 'Percent off', 'Max uses', 'Expires (last day)', 'Active', 'Stripe'],
      codes.map((d) => [
        d.code,
        d.percentage,
        d.maxUses ?? 'no limit',
        d.expiresOn ?? 'never',
        d.isActive ? 'yes' : 'no',
        stateLabel[stripeStateOf(sqlite, d, today).state],
      ]),
    ),
  };
}
