// Locking a reconciled period so that any later change to it — a late refund, a re-dated event — is flagged, never
// absorbed. A lock is one row (its period, as London days and as epoch ms). Triggers (migration 0031) keep, the first
// time an entity of a locked period changes, what the lock saw of it (recon_lock_seen); a read compares only those
// entities with the books now. Locks taken before those triggers kept a print of every entity, per London day, and are
// still read that way: the days with an hour marked since (recon_change_marks), or every day for the oldest.
import { createHash } from 'node:crypto';
import type { LateChange, ReconLock } from '../../shared/contract/recon';
import { londonDate } from '../../shared/dates';
import type { Sqlite } from '../db/open';
import { daysOf, spanOf, type Span } from './period';

const HOUR = 3_600_000;

export type Fingerprint = Record<string, string>;

/** What a lock taken before the change marks kept, whole: per London day, a digest of its rows and its entities. */
interface LockPrint {
  days: Record<string, DayPrint>;
}

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

/**
 * One digest per London day of the period, over the rows the fingerprint reads (each row as SQLite writes it, in id
 * order): one query per table and one hash per day, without hashing each entity.
 */
export function dayDigests(sqlite: Sqlite, period: { from: string; to: string }): Record<string, string> {
  const days = daysOf(period.from, period.to).map((k) => ({ k, ...spanOf({ from: k, to: k }) }));
  const values = `WITH b(k, s, e) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})`;
  const params = days.flatMap((d) => [d.k, d.start, d.end]);
  const perDay = (sql: string) =>
    new Map(
      (
        sqlite
          .prepare(`${values} ${sql}`)
          .raw()
          .all(...params) as [string, string][]
      ).map(([k, rows]) => [k, rows]),
    );
  const journal = perDay(
    `SELECT b.k, group_concat(json_array(t.id, t.kind, t.occurred_at,
       (SELECT group_concat(l.account || '=' || l.amount_pence, ';' ORDER BY l.account, l.amount_pence)
        FROM journal_lines l WHERE l.transaction_id = t.id)), char(10) ORDER BY t.id)
     FROM b JOIN journal_transactions t ON t.occurred_at >= b.s AND t.occurred_at < b.e GROUP BY b.k`,
  );
  const payments = perDay(
    `SELECT b.k, group_concat(json_array(p.id, p.total_amount_pence, p.platform_fee_pence, p.instructor_amount_pence,
       p.discount_pence, p.status, p.amount_refunded_pence), char(10) ORDER BY p.id)
     FROM b JOIN payments p ON p.created_at >= b.s AND p.created_at < b.e GROUP BY b.k`,
  );
  const payouts = perDay(
    `SELECT b.k, group_concat(json_array(o.id, o.stripe_transfer_id, o.amount_pence, o.status, o.payout_date),
       char(10) ORDER BY o.id)
     FROM b JOIN payouts o ON o.created_at >= b.s AND o.created_at < b.e GROUP BY b.k`,
  );
  return Object.fromEntries(
    days.map(({ k }) => [
      k,
      createHash('sha256')
        .update(`${journal.get(k) ?? ''}\n#\n${payments.get(k) ?? ''}\n#\n${payouts.get(k) ?? ''}`)
        .digest('hex')
        .slice(0, 32),
    ]),
  );
}

/** A locked day as locks taken between migrations 0026 and 0031 keep it (a reconciliation_lock_days row). */
export interface DayPrint {
  digest: string;
  entities: Fingerprint;
}

/** Each day of the period as it is now, as locks taken before migration 0031 kept it: its digest and its entities. */
export function dayPrints(sqlite: Sqlite, period: { from: string; to: string }): Record<string, DayPrint> {
  const digests = dayDigests(sqlite, period);
  return Object.fromEntries(
    Object.entries(digests).map(([day, digest]) => [
      day,
      { digest, entities: periodFingerprint(sqlite, spanOf({ from: day, to: day })) },
    ]),
  );
}

/** The change marks' highest seq now: a lock taken now keeps it, and an hour marked above it changed after it. */
export const currentMarkSeq = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT COALESCE(MAX(seq), 0) FROM recon_change_marks').pluck().get() as number;

/** A lock as stored: its period (epoch ms too, since 0031), the marks' seq when taken, and the oldest locks' print. */
export interface KeptLock {
  id: string;
  from: string;
  to: string;
  markSeq: number | null;
  spanStart: number | null;
  fingerprint: unknown;
}

/** What changed in a locked period since it was locked, entity by entity. */
export function changesSinceLock(sqlite: Sqlite, lock: KeptLock): LateChange[] {
  if (lock.markSeq === null) return changesSinceOlderLock(sqlite, lock);
  if (lock.spanStart === null) return changesOnMarkedDays(sqlite, lock);
  return seenAgainstNow(sqlite, lock.id)
    .flatMap(({ entity, kept, now }): LateChange[] => {
      if (kept === now) return [];
      return [{ key: entity, change: kept === null ? 'added' : now === null ? 'removed' : 'changed' }];
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The views that give each kind of entity's state as a lock compares it (migration 0031), by the prefix of its key. */
const STATES = [
  { prefix: 'tx:', view: 'recon_tx_states' },
  { prefix: 'payment:', view: 'recon_payment_states' },
  { prefix: 'payout:', view: 'recon_payout_states' },
];

/**
 * Each entity a lock kept (recon_lock_seen) with its state at the lock (`kept`, null: not in the period) and now
 * (null: not in the period any more, or gone). `lockId` null: every lock's.
 */
function seenAgainstNow(
  sqlite: Sqlite,
  lockId: string | null,
): { lockId: string; entity: string; kept: string | null; now: string | null }[] {
  const sql = STATES.map(
    ({ prefix, view }) =>
      `SELECT s.lock_id AS lockId, s.entity, s.state AS kept,
         (SELECT v.state FROM ${view} v WHERE v.id = substr(s.entity, ${prefix.length + 1})
            AND v.at >= l.span_start AND v.at < l.span_end) AS now
       FROM recon_lock_seen s JOIN reconciliation_locks l ON l.id = s.lock_id
       WHERE ${lockId === null ? '' : 's.lock_id = @lockId AND '}substr(s.entity, 1, ${prefix.length}) = '${prefix}'`,
  ).join(' UNION ALL ');
  return sqlite.prepare(sql).all(lockId === null ? {} : { lockId }) as ReturnType<typeof seenAgainstNow>;
}

/**
 * Forgets what locks kept of entities that are now as the lock saw them: the rows a rebuild's delete and write of
 * every row made (or a change put back). Nothing is lost, since the next change to such an entity keeps its state
 * again, which is the lock's. Returns how many were forgotten.
 */
export function forgetUnchanged(sqlite: Sqlite): number {
  const forget = sqlite.prepare('DELETE FROM recon_lock_seen WHERE lock_id = ? AND entity = ?');
  let forgotten = 0;
  for (const row of seenAgainstNow(sqlite, null))
    if (row.kept === row.now) forgotten += forget.run(row.lockId, row.entity).changes;
  return forgotten;
}

/**
 * Locks kept per London day: only the days with an hour marked after the lock are digested again, and only those
 * whose digest differs are fingerprinted and compared with their kept row.
 */
function changesOnMarkedDays(sqlite: Sqlite, lock: KeptLock): LateChange[] {
  const span = spanOf(lock);
  const hours = sqlite
    .prepare('SELECT hour FROM recon_change_marks WHERE hour >= ? AND hour < ? AND seq > ? ORDER BY hour')
    .pluck()
    .all(span.start / HOUR, span.end / HOUR, lock.markSeq) as number[];
  if (hours.length === 0) return [];
  const marked = [...new Set(hours.map((h) => londonDate(h * HOUR)))];
  const kept = sqlite.prepare(
    'SELECT digest, entities FROM reconciliation_lock_days WHERE lock_id = ? AND day = ?',
  );
  return changesOnDays(
    sqlite,
    Object.fromEntries(marked.map((day) => [day, dayDigests(sqlite, { from: day, to: day })[day]!])),
    (day) => {
      const row = kept.get(lock.id, day) as { digest: string; entities: string } | undefined;
      return row && { digest: row.digest, entities: JSON.parse(row.entities) as Fingerprint };
    },
  );
}

function changesSinceOlderLock(sqlite: Sqlite, lock: KeptLock): LateChange[] {
  const kept = lock.fingerprint as LockPrint | Fingerprint;
  const period = { from: lock.from, to: lock.to };
  if (!('days' in kept) || typeof kept.days !== 'object')
    return lateChanges(kept as Fingerprint, periodFingerprint(sqlite, spanOf(period)));
  const days = (kept as LockPrint).days;
  return changesOnDays(sqlite, dayDigests(sqlite, period), (day) => days[day]);
}

/**
 * The entity changes on the days whose digest now differs from the kept one. An entity that moved from one day to
 * another (a re-dated transaction) is one change.
 */
function changesOnDays(
  sqlite: Sqlite,
  digests: Record<string, string>,
  keptDay: (day: string) => DayPrint | undefined,
): LateChange[] {
  const byKey = new Map<string, LateChange['change'][]>();
  for (const [day, digest] of Object.entries(digests)) {
    const then = keptDay(day);
    if (then?.digest === digest) continue;
    const changes = lateChanges(
      then?.entities ?? {},
      periodFingerprint(sqlite, spanOf({ from: day, to: day })),
    );
    for (const c of changes) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c.change]);
  }
  return [...byKey]
    .map(([key, seen]): LateChange => ({ key, change: seen.length === 1 ? seen[0]! : 'changed' }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
