// The platform's payouts to its bank: money leaves the Stripe balance, and comes back if the payout fails.
import { writeJournal, type JournalTx } from '../journal-store';
import { platformPayoutLines, reversedLines } from '../postings';
import type { ProjectionContext } from '../../projection/context';
import { createdMs, idOf, int } from '../../stripe/json';

export function projectPlatformPayout(ctx: ProjectionContext, root: string): void {
  const p = ctx.object(root.slice('payout:'.length));
  if (!p) return;
  const lines = platformPayoutLines(int(p.amount) ?? 0);
  const base = {
    source_type: 'payout',
    source_id: p.id,
    payment_id: null,
    instructor_id: null,
    learner_id: null,
  };
  const txs: JournalTx[] = [
    {
      ...base,
      id: `payout:${p.id}`,
      kind: 'platform_payout',
      occurred_at: createdMs(p),
      description: `Payout ${p.id} to the platform's bank account`,
      lines,
    },
  ];
  if (p.status === 'failed' || p.status === 'canceled') {
    const failureId = idOf(p.failure_balance_transaction);
    if (failureId) ctx.ref(failureId, root);
    const failure = failureId ? ctx.object(failureId) : undefined;
    txs.push({
      ...base,
      id: `payout-failure:${p.id}`,
      kind: 'platform_payout_failure',
      occurred_at: failure ? createdMs(failure) : createdMs(p),
      description: `Payout ${p.id} ${String(p.status)}: the money came back`,
      lines: reversedLines(lines),
    });
  }
  writeJournal(ctx, root, txs);
}
