// The figures a period's payments and earnings give when read row by row (as figures.ts read them before their day
// totals), for tests that the totals the triggers keep give the same.
import { expect } from 'vitest';
import type { ReconFigures } from '../../../src/shared/contract/recon';
import type { Sqlite } from '../../../src/main/db/open';
import { CAPTURED } from '../../../src/main/overview/queries';
import type { Span } from '../../../src/main/recon/period';

/** Expects `figures`' payment and earning parts to be what the span's rows add up to. */
export function expectFiguresAsRows(sqlite: Sqlite, span: Span, figures: ReconFigures, where = ''): void {
  const range = [span.start, span.end];
  const byType = sqlite
    .prepare(
      `SELECT payment_type AS type, count(*) AS payments, SUM(total_amount_pence) AS grossPence,
              SUM(platform_fee_pence) AS feePence, SUM(discount_pence) AS discountPence
       FROM payments WHERE created_at >= ? AND created_at < ? AND ${CAPTURED}
       GROUP BY payment_type ORDER BY payment_type`,
    )
    .all(...range) as (ReconFigures['byType'][number] & { discountPence: number })[];
  expect(figures.byType, where).toEqual(byType.map(({ discountPence: _, ...r }) => r));
  const discounts = byType.reduce((s, r) => s + r.discountPence, 0);
  expect(figures.platformFee.discountsPence, where).toBe(discounts);
  expect(figures.rollForwards[0]!.inPence, where).toBe(
    byType.reduce((s, r) => s + r.grossPence + r.discountPence, 0),
  );
  const gross = sqlite
    .prepare(
      `SELECT instructor_id AS id, SUM(total_amount_pence) AS pence FROM payments
       WHERE created_at >= ? AND created_at < ? AND ${CAPTURED} AND instructor_id IS NOT NULL
       GROUP BY instructor_id ORDER BY instructor_id`,
    )
    .all(...range) as { id: string; pence: number }[];
  expect(
    figures.byInstructor
      .filter((r) => gross.some((g) => g.id === r.instructorId))
      .map((r) => ({ id: r.instructorId, pence: r.grossPence }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    where,
  ).toEqual(gross);
  expect(
    figures.byInstructor.filter((r) => !gross.some((g) => g.id === r.instructorId)).map((r) => r.grossPence),
    where,
  ).toEqual(figures.byInstructor.filter((r) => !gross.some((g) => g.id === r.instructorId)).map(() => 0));
  const earned = sqlite
    .prepare('SELECT COALESCE(SUM(amount_pence), 0) FROM earnings WHERE created_at >= ? AND created_at < ?')
    .pluck()
    .get(...range) as number;
  expect(figures.rollForwards[1]!.inPence, where).toBe(earned);
}
