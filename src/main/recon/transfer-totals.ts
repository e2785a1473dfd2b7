// Transfers less reversals, and captured payments, per instructor over whole London days, from per-instructor totals
// kept per day and per month (instructor_transfer_totals by the journal's writer, instructor_payment_totals by triggers
// on payments): whole months are read as one row each, however many transfers or payments they hold.
import { addDays } from '../../shared/dates';

/**
 * The instructor_transfer_totals buckets that cover [from, to] exactly: each whole London month as one `YYYY-MM` row,
 * the days of a month the range only partly covers one by one.
 */
export function transferBuckets(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to;) {
    const month = d.slice(0, 7);
    const last = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
    if (d.endsWith('-01') && last <= to) {
      out.push(month);
      d = addDays(last, 1);
    } else {
      out.push(d);
      d = addDays(d, 1);
    }
  }
  return out;
}

/**
 * A query of `(instructor_id, pence)` rows: each instructor's sum of `column` in a per-instructor day-and-month totals
 * table from `from` to `to` included.
 */
function byInstructor(
  table: string,
  column: string,
  from: string,
  to: string,
): { sql: string; params: string[] } {
  const buckets = transferBuckets(from, to);
  return {
    sql: `SELECT instructor_id, SUM(${column}) AS pence FROM ${table}
          WHERE bucket IN (${buckets.map(() => '?').join(', ')}) GROUP BY instructor_id`,
    params: buckets,
  };
}

/** Each instructor's transfers less reversals from `from` to `to` included (instructor_transfer_totals). */
export const transfersByInstructor = (from: string, to: string) =>
  byInstructor('instructor_transfer_totals', 'amount_pence', from, to);

/** Each instructor's captured payments' total from `from` to `to` included (instructor_payment_totals). */
export const grossByInstructor = (from: string, to: string) =>
  byInstructor('instructor_payment_totals', 'gross_pence', from, to);
