// Reconciliation's place in the projection registry: its runs and locks are console records, which a ledger rebuild
// never clears or rewrites.
import type { DomainProjection } from '../projection/registry';
import { forgetUnchanged } from './locks';
import { forgetPaymentProof } from './payment-proof';

export const reconProjection: DomainProjection = {
  domain: 'recon',
  tables: [
    { name: 'reconciliation_reports', kind: 'record' },
    { name: 'reconciliation_locks', kind: 'record' },
    { name: 'reconciliation_lock_days', kind: 'record' },
    // What each lock saw of the entities that changed since (triggers); a rebuild forgets what it wrote back as it was.
    { name: 'recon_lock_seen', kind: 'record' },
    // Written by triggers as the books change, never cleared: a rebuild that changed nothing puts it back as it was.
    { name: 'recon_change_marks', kind: 'record' },
    // What the invariants must prove again (triggers) and the last clean check: a rebuild notes every account itself.
    { name: 'ledger_unproven', kind: 'record' },
    { name: 'ledger_proof', kind: 'record' },
    // The last payment check and what changed since (triggers): a rebuild forgets them, so the next check reads all.
    { name: 'recon_payment_proof', kind: 'record' },
    { name: 'recon_payment_unproven', kind: 'record' },
    // What the last run read from Stripe and where it stood in Stripe's event log: Stripe's answer, not the books.
    { name: 'recon_stripe_read', kind: 'record' },
    { name: 'recon_stripe_objects', kind: 'record' },
  ],
  // A rebuild rewrites every row, so the triggers mark every hour and keep, for each lock, every entity of its period.
  // Byte-identical books changed nothing: the marks and what the locks kept go back to what they were. Otherwise
  // what was written back as a lock saw it is forgotten, so a lock flags (and reads) only what really changed.
  // The payment proof is forgotten first, so the triggers note nothing while every payment is written again.
  aroundRebuild(sqlite) {
    forgetPaymentProof(sqlite);
    sqlite.exec(`
      CREATE TEMP TABLE rebuild_marks AS SELECT * FROM recon_change_marks;
      CREATE TEMP TABLE rebuild_lock_seen AS SELECT * FROM recon_lock_seen;
    `);
    return (changed) => {
      if (changed) forgetUnchanged(sqlite);
      else
        sqlite.exec(`
          DELETE FROM recon_change_marks; INSERT INTO recon_change_marks SELECT * FROM temp.rebuild_marks;
          DELETE FROM recon_lock_seen; INSERT INTO recon_lock_seen SELECT * FROM temp.rebuild_lock_seen;
        `);
      sqlite.exec('DROP TABLE temp.rebuild_marks; DROP TABLE temp.rebuild_lock_seen');
    };
  },
};
