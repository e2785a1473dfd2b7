// Transfers to instructors (and their reversals) → payouts rows and the transfer/reversal journal transactions.
import { ISO_DATE } from '../../../shared/dates';
import { instructorPayable, NOT_MARKETPLACE, UNATTRIBUTED } from '../../ledger/accounts';
import { isUuid, uuidFrom } from '../../ledger/ids';
import { transferDecision } from '../../attributions/decision';
import { writeJournal, type JournalTx } from '../../ledger/journal-store';
import { transferLines } from '../../ledger/postings';
import type { ProjectionContext } from '../../projection/context';
import type { StripeJson } from '../../stripe/json';
import { writeRow } from '../../projection/rows';
import { createdMs, idOf, int, metadataOf } from '../../stripe/json';
import { payableRoot } from '../../credits/payable';

/** Reversals from the transfer's embedded list and from synced reversal objects, each once, oldest first. */
function reversalsOf(t: StripeJson, members: StripeJson[]): StripeJson[] {
  const byId = new Map<string, StripeJson>();
  const embedded = (t.reversals as { data?: unknown } | undefined)?.data;
  if (Array.isArray(embedded)) for (const r of embedded as StripeJson[]) byId.set(r.id, r);
  for (const r of members) if (r.object === 'transfer_reversal') byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => createdMs(a) - createdMs(b) || (a.id < b.id ? -1 : 1));
}

export function projectTransfer(ctx: ProjectionContext, root: string): void {
  const members = ctx.members(root);
  const t = members.find((o) => o.object === 'transfer');
  if (!t) return;
  const meta = metadataOf(t);
  const destination = idOf(t.destination);
  const described =
    isUuid(meta.lplate_payout_id) &&
    ISO_DATE.test(meta.lplate_payout_date ?? '') &&
    isUuid(meta.lplate_instructor_id);
  // Finance's decision stands in for missing payout metadata (the Unattributed inbox).
  const decided = described ? undefined : transferDecision(ctx, t.id);
  const named =
    decided && decided !== 'not_marketplace'
      ? decided.instructorId
      : isUuid(meta.lplate_instructor_id)
        ? meta.lplate_instructor_id
        : null;
  let instructorId: string | null = null;
  if (decided === 'not_marketplace') instructorId = null;
  else if (named) {
    ctx.ref(`instructor:${named}`, root);
    if (ctx.stmt('SELECT 1 FROM instructors WHERE id = ?').get(named)) instructorId = named;
  } else if (destination) {
    ctx.ref(destination, root);
    instructorId =
      (ctx
        .stmt('SELECT instructor_id FROM stripe_connect_accounts WHERE stripe_account_id = ?')
        .pluck()
        .get(destination) as string | undefined) ?? null;
  }
  const amount = int(t.amount) ?? 0;
  const reversals = reversalsOf(t, members);
  const account = instructorId
    ? instructorPayable(instructorId)
    : decided === 'not_marketplace'
      ? NOT_MARKETPLACE
      : UNATTRIBUTED;
  const link = { payment_id: null, instructor_id: instructorId, learner_id: null };
  const txs: JournalTx[] = [
    {
      id: `transfer:${t.id}`,
      kind: 'transfer',
      source_type: 'transfer',
      source_id: t.id,
      occurred_at: createdMs(t),
      description: `Transfer ${t.id} to ${destination ?? 'an unknown account'}`,
      ...link,
      lines: transferLines(account, amount),
    },
    ...reversals.map((r) => ({
      id: `reversal:${r.id}`,
      kind: 'reversal' as const,
      source_type: 'transfer_reversal',
      source_id: r.id,
      occurred_at: createdMs(r),
      description: `Reversal ${r.id} of transfer ${t.id}`,
      ...link,
      lines: transferLines(account, -(int(r.amount) ?? 0)),
    })),
  ];
  writeJournal(ctx, root, txs);
  // Every transfer to an instructor settles their earnings, whether or not the console made it.
  if (instructorId) ctx.enqueue(payableRoot(instructorId));

  if (decided === 'not_marketplace') {
    ctx.unattributed(t, null);
    return;
  }
  const payoutId = decided ? uuidFrom(`attributed-transfer:${t.id}`) : meta.lplate_payout_id;
  const payoutDate = decided ? decided.payoutDate : meta.lplate_payout_date;
  if (!decided && !described) {
    ctx.unattributed(t, {
      code: 'missing_metadata',
      message:
        'A transfer without lplate_payout_id / lplate_payout_date: no marketplace payout row matches it.',
      amount,
    });
    return;
  }
  if (!instructorId) {
    ctx.unattributed(t, {
      code: 'instructor_unknown',
      message: `The instructor ${named} has no connected account synced yet.`,
      amount,
    });
    return;
  }
  ctx.unattributed(t, null);
  const reversed = Math.max(
    int(t.amount_reversed) ?? 0,
    reversals.reduce((s, r) => s + (int(r.amount) ?? 0), 0),
  );
  const fullyReversed = reversed >= amount;
  writeRow(ctx, 'payouts', 'payout', {
    id: payoutId!.toLowerCase(),
    instructor_id: instructorId,
    stripe_transfer_id: t.id,
    amount_pence: fullyReversed ? amount : amount - reversed,
    status: fullyReversed ? 'reversed' : 'paid',
    payout_date: payoutDate!,
    created_at: createdMs(t),
    updated_at: Math.max(createdMs(t), ...reversals.map(createdMs)),
  });
}
