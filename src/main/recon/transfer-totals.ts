// Transfers less reversals per instructor over whole London days, from instructor_transfer_totals (kept by the
// journal's writer per day and per month): whole months are read as one row each, however many transfers they hold.
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

/** A query of `(instructor_id, pence)` rows, each instructor's transfers less reversals from `from` to `to` included. */
export function transfersByInstructor(from: string, to: string): { sql: string; params: string[] } {
  const buckets = transferBuckets(from, to);
  return {
    sql: `SELECT instructor_id, SUM(amount_pence) AS pence FROM instructor_transfer_totals
          WHERE bucket IN (${buckets.map(() => '?').join(', ')}) GROUP BY instructor_id`,
    params: buckets,
  };
}
