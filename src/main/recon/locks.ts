// Locking a reconciled period: a fingerprint of every entity touching it (journal transactions, payments, payouts)
// is kept, so any later change to the period — a late refund, a re-dated event — is flagged, never absorbed.
import { createHash } from 'node:crypto';
import type { LateChange, ReconLock } from '../../shared/contract/recon';
import type { Sqlite } from '../db/open';
import type { Span } from './period';

export type Fingerprint = Record<string, string>;

const short = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** Each entity of the span with a short hash of its money-relevant state. */
export function periodFingerprint(sqlite: Sqlite, span: Span): Fingerprint {
  const out: Fingerprint = {};
  const range = [span.start, span.end];
  // `+t.id`: grouped by id, SQLite would walk every transaction in id order instead of the span's on occurred_at.
  const lines = sqlite
    .prepare(
      `SELECT t.id, t.kind, t.occurred_at, group_concat(l.account || '=' || l.amount_pence, ';') AS lines
       FROM journal_transactions t LEFT JOIN journal_lines l ON l.transaction_id = t.id
       WHERE t.occurred_at >= ? AND t.occurred_at < ? GROUP BY +t.id`,
    )
    .all(...range) as { id: string; kind: string; occurred_at: number; lines: string | null }[];
  for (const t of lines)
    out[`tx:${t.id}`] = short([t.kind, t.occurred_at, (t.lines ?? '').split(';').sort()]);
  const payments = sqlite
    .prepare(
      `SELECT id, total_amount_pence, platform_fee_pence, instructor_amount_pence, discount_pence, status,
              amount_refunded_pence FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY id`,
    )
    .raw()
    .all(...range) as [string, ...unknown[]][];
  for (const [id, ...rest] of payments) out[`payment:${id}`] = short(rest);
  const payouts = sqlite
    .prepare(
      `SELECT id, stripe_transfer_id, amount_pence, status, payout_date FROM payouts
       WHERE created_at >= ? AND created_at < ? ORDER BY id`,
    )
    .raw()
    .all(...range) as [string, ...unknown[]][];
  for (const [id, ...rest] of payouts) out[`payout:${id}`] = short(rest);
  return out;
}

/** What differs between the fingerprint taken at the lock and the books now. */
export function lateChanges(then: Fingerprint, now: Fingerprint): LateChange[] {
  const changes: LateChange[] = [];
  for (const [key, hash] of Object.entries(now))
    if (!(key in then)) changes.push({ key, change: 'added' });
    else if (then[key] !== hash) changes.push({ key, change: 'changed' });
  for (const key of Object.keys(then)) if (!(key in now)) changes.push({ key, change: 'removed' });
  return changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const LATE_CHANGES_SHOWN = 50;

export function lockView(
  row: { id: string; from: string; to: string; reportId: string; lockedAt: number; lockedBy: string | null },
  changes: LateChange[],
): ReconLock {
  return { ...row, lateChanges: changes.slice(0, LATE_CHANGES_SHOWN), lateChangeCount: changes.length };
}
