// The payment checks proven once and made again only where something changed since: the PaymentIntents whose payment
// row, kept Stripe charge or unattributed object changed (noted by triggers, migration 0038) and those the last check
// found a discrepancy for. Everything else held then and has not changed, so the result is the whole check's.
import type { Discrepancy } from '../../shared/contract/recon';
import type { Sqlite } from '../db/open';
import { SETTING_DEFAULTS } from '../settings/service';
import type { Span } from './period';
import type { StripeSide } from './stripe-side';

/**
 * Past this share of the period's charges, checking the noted keys one by one saves little over the whole check
 * (measured at 1/10 of the `large` preset: a quarter of the keys cost a third of the whole check, half two thirds,
 * all of them 1.3 times; docs/reconciliation.md, Performance).
 */
const SCOPED_KEYS = 1 / 2;

interface Proof {
  spanStart: number;
  spanEnd: number;
  inputs: string;
  migrations: number;
}

/** The payment checks' version: raised by a change to what they find, so that a proof kept before is not used. */
export const PAYMENT_CHECKS_VERSION = 1;

/** What the checks read that no trigger follows (the platform fee's history and default), and their version. */
const inputs = (sqlite: Sqlite) =>
  JSON.stringify({
    version: PAYMENT_CHECKS_VERSION,
    feeDefault: SETTING_DEFAULTS.platform_fee_bps,
    fees: sqlite
      .prepare(
        "SELECT rowid, id, value, effective_from, created_at FROM settings_history WHERE key = 'platform_fee_bps' ORDER BY rowid",
      )
      .raw()
      .all(),
  });

const migrations = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get() as number;

/**
 * Whether `side` is the kept Stripe read as it stands: a whole read not kept (another period, a forced one) is not,
 * and a read that ended since (another run's or the background's) may have noted changes this side does not hold.
 */
const isKeptRead = (sqlite: Sqlite, side: StripeSide) =>
  side.kept === true &&
  sqlite.prepare('SELECT ended_at FROM recon_stripe_read WHERE id = 1').pluck().get() === side.balanceAt;

/** Whether the kept proof is of `span` and still stands: the checks, their inputs and the schema are as it saw them. */
function provenSpan(sqlite: Sqlite, span: Span): boolean {
  const proof = sqlite
    .prepare(
      `SELECT span_start AS spanStart, span_end AS spanEnd, inputs, migrations
       FROM recon_payment_proof WHERE id = 1`,
    )
    .get() as Proof | undefined;
  return (
    proof !== undefined &&
    proof.spanStart === span.start &&
    proof.spanEnd === span.end &&
    proof.inputs === inputs(sqlite) &&
    proof.migrations === migrations(sqlite)
  );
}

/** The keys to check again for `span`; null to check all (no proof of this period, or more changed than pays). */
export function unprovenKeys(sqlite: Sqlite, span: Span, side: StripeSide): Set<string> | null {
  if (!provenSpan(sqlite, span) || !isKeptRead(sqlite, side)) return null;
  const keys = new Set(sqlite.prepare('SELECT key FROM recon_payment_unproven').pluck().all() as string[]);
  return keys.size > side.charges.length * SCOPED_KEYS ? null : keys;
}

/**
 * The payment checks of `span` as the whole check finds them: `check` is given the keys to check again, or null for
 * all. Each discrepancy's first id is the PaymentIntent (or charge) it is about: those are noted, so the next check
 * makes them again. The result is kept as the proof of `span`; with a side that is not the kept read as it stands,
 * no proof is kept.
 */
export function provenPaymentChecks(
  sqlite: Sqlite,
  span: Span,
  side: StripeSide,
  check: (only: Set<string> | null) => Discrepancy[],
  now = Date.now(),
): Discrepancy[] {
  const found = check(unprovenKeys(sqlite, span, side));
  const kept = isKeptRead(sqlite, side);
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM recon_payment_unproven');
    if (!kept) {
      sqlite.exec('DELETE FROM recon_payment_proof');
      return;
    }
    sqlite
      .prepare(
        `INSERT INTO recon_payment_proof (id, span_start, span_end, inputs, migrations, proven_at)
         VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET span_start = excluded.span_start, span_end = excluded.span_end,
           inputs = excluded.inputs, migrations = excluded.migrations, proven_at = excluded.proven_at`,
      )
      .run(span.start, span.end, inputs(sqlite), migrations(sqlite), now);
    const note = sqlite.prepare('INSERT INTO recon_payment_unproven (key) VALUES (?) ON CONFLICT DO NOTHING');
    for (const d of found) note.run(d.ids[0]);
  })();
  return found;
}

/** Whether `span`'s payment checks are proven (what changed since is noted: a run checks only that again). */
export const isProven = provenSpan;

/** No proof kept: a rebuild writes every payment again, so the next check reads the whole period. */
export function forgetPaymentProof(sqlite: Sqlite): void {
  sqlite.exec('DELETE FROM recon_payment_proof; DELETE FROM recon_payment_unproven');
}
