// Approving or rejecting a refund request: the confirmation restates what will happen to whose money before anything
// moves; an approval is refused (and says so) if the amount changed since it was shown, then offers the new amount.
import { useState } from 'react';
import type { RefundRow } from '@shared/contract/refunds';
import { formatPence } from '@shared/money';
import { apiErrorOf, useMutationMethod } from '../../lib/api';
import { FormDialog, FormError, NoteField, useToast } from '../../components/ui';
import { reasonLabel } from './labels';

export function DecideDialog({
  row,
  decision,
  onClose,
}: {
  row: RefundRow;
  decision: 'approve' | 'reject';
  onClose: () => void;
}) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [amount, setAmount] = useState(row.amountPence);
  const decide = useMutationMethod('refunds.decide', {
    onSuccess: (r) => {
      toast(
        decision === 'approve'
          ? `Refund of ${formatPence(r.amountPence)} approved and sent to Stripe.`
          : 'Refund request rejected.',
      );
      onClose();
    },
    onError: (error) => {
      const details = apiErrorOf(error)?.details as { amountPence?: number } | undefined;
      if (typeof details?.amountPence === 'number') setAmount(details.amountPence);
    },
  });
  const approving = decision === 'approve';
  const noteProblem = tried && !approving && !note.trim() ? 'Say why it is rejected.' : undefined;
  const submit = () => {
    setTried(true);
    if (approving)
      decide.mutate({
        requestId: row.id,
        decision: 'approve',
        expectedAmountPence: amount,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    else if (note.trim()) decide.mutate({ requestId: row.id, decision: 'reject', note: note.trim() });
  };
  return (
    <FormDialog
      id="refund-decide-form"
      title={approving ? 'Approve this refund?' : 'Reject this refund request?'}
      confirmLabel={approving ? `Refund ${formatPence(amount)}` : 'Reject request'}
      danger={!approving}
      pending={decide.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="confirm__effect">
        {approving ? (
          <p>
            Refund <strong>{formatPence(amount)}</strong> ({row.hours} h) of payment{' '}
            <code>{row.payment.paymentIntentId}</code> to <strong>{row.learner.name}</strong>’s card.{' '}
            {row.usedHours
              ? `${row.usedHours} h of them were used in lessons: ${row.instructor.name}’s share of those is clawed back (their transfer reversed in Stripe if they were paid, else the earning cancelled).`
              : `Their unused hours with ${row.instructor.name} drop by ${row.hours} h.`}{' '}
            Stripe is asked at once; this cannot be undone from the console.
          </p>
        ) : (
          <p>
            Nothing is refunded to {row.learner.name}. The request stays in the list as rejected, with your
            note.
          </p>
        )}
      </div>
      <div className="confirm__notes">
        Asked by {row.requestedBy?.name ?? 'someone'} — {reasonLabel(row.reason)}
        {row.note ? `: “${row.note}”` : ''}
      </div>
      <NoteField
        label={
          approving ? 'Note (optional, kept in the audit log)' : 'Why it is rejected (kept in the audit log)'
        }
        value={note}
        onChange={setNote}
        error={noteProblem}
      />
      <FormError message={decide.isError ? apiErrorOf(decide.error)?.message : null} />
    </FormDialog>
  );
}
