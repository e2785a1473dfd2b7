// Asking for a refund of a payment's hours: the form shows what the learner paid, the hours used (and whether the
// instructor was paid for them), unused, refunded and on their way, what each number of hours gives back, what it
// claws back from the instructor when it takes used hours (finance and managers only) and whether it needs a second
// person; the server checks it all again and says what to change.
import { useState } from 'react';
import { REFUND_REASONS, type RefundQuote, type RefundReason } from '@shared/contract/refunds';
import { formatPence } from '@shared/money';
import { apiErrorOf, fieldErrorsOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import {
  Dialog,
  ErrorState,
  FormDialog,
  FormError,
  Money,
  NoteField,
  SelectField,
  Skeleton,
  useToast,
} from '../../components/ui';
import { PaymentPicker } from './PaymentPicker';
import { REASONS } from './labels';

export function RequestRefundDialog({
  paymentId,
  onClose,
}: {
  paymentId: string | null;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState(paymentId);
  if (picked) return <RequestForm paymentId={picked} onClose={onClose} />;
  return (
    <Dialog
      open
      title="Request a refund"
      description="Find the payment: the learner’s name or email, or its pi_… id."
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <PaymentPicker onPick={setPicked} />
    </Dialog>
  );
}

function RequestForm({ paymentId, onClose }: { paymentId: string; onClose: () => void }) {
  const toast = useToast();
  const quote = useQueryMethod('refunds.quote', { paymentId });
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const request = useMutationMethod('refunds.request', {
    onSuccess: (r) => {
      toast(
        r.aboveLimit
          ? `Refund of ${formatPence(r.amountPence)} requested: above the limit, someone in finance or a manager approves it.`
          : `Refund of ${formatPence(r.amountPence)} requested: it waits for approval.`,
      );
      onClose();
    },
  });
  const q = quote.data;
  const chosen = q?.options.find((o) => String(o.hours) === hours) ?? q?.options.at(-1);
  const server = fieldErrorsOf(request.error);
  const noteProblem = tried && !note.trim() ? 'Say why the learner gets money back.' : undefined;
  const submit = () => {
    setTried(true);
    if (!chosen || !note.trim()) return;
    request.mutate({ paymentId, hours: chosen.hours, reason, note: note.trim() });
  };
  return (
    <FormDialog
      id="refund-request-form"
      title="Request a refund"
      confirmLabel={chosen ? `Request ${formatPence(chosen.amountPence)} refund` : 'Request refund'}
      pending={request.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {quote.isError ? (
        <ErrorState
          error={apiErrorOf(quote.error)!}
          title="Could not read this payment"
          onRetry={() => void quote.refetch()}
        />
      ) : !q ? (
        <Skeleton lines={6} />
      ) : (
        <>
          <QuoteFacts quote={q} />
          {q.blocked ? (
            <FormError message={q.blocked} />
          ) : (
            <>
              <SelectField
                label="Hours to refund"
                value={chosen ? String(chosen.hours) : ''}
                onChange={(e) => setHours(e.target.value)}
                options={q.options.map((o) => ({
                  value: String(o.hours),
                  label: `${o.hours} h — ${formatPence(o.amountPence)}${o.usedHours ? ` (${o.usedHours} h used in lessons)` : ''}`,
                }))}
                error={server.hours}
                hint={chosen ? optionHint(chosen, q.approvalLimitPence) : undefined}
                data-autofocus
              />
              <SelectField
                label="Reason (sent to Stripe)"
                value={reason}
                onChange={(e) => setReason(e.target.value as RefundReason)}
                options={REFUND_REASONS.map((r) => ({ value: r, label: REASONS[r] }))}
                error={server.reason}
              />
              <NoteField
                label="Note (kept with the request and in the audit log)"
                value={note}
                onChange={setNote}
                error={noteProblem ?? server.note}
              />
            </>
          )}
          <FormError
            message={
              request.isError && Object.keys(server).length === 0 ? apiErrorOf(request.error)?.message : null
            }
          />
        </>
      )}
    </FormDialog>
  );
}

function QuoteFacts({ quote: q }: { quote: RefundQuote }) {
  const h = q.hours;
  return (
    <dl className="details details--tight refund-facts">
      <dt>Payment</dt>
      <dd>
        {q.payment.learner.name} → {q.payment.instructor.name} · <code>{q.payment.paymentIntentId}</code>
      </dd>
      <dt>Learner paid</dt>
      <dd>
        <Money pence={q.payment.paidPence} inline /> for {q.payment.hours} h
        {q.payment.refundedPence ? (
          <>
            {' '}
            · <Money pence={q.payment.refundedPence} inline /> refunded already
          </>
        ) : null}
      </dd>
      <dt>Hours</dt>
      <dd>
        {h.used} used · {h.refundableNow} unused · {h.refunded} refunded · {h.inFlight} on the way or awaiting
        approval · <strong>{h.refundableNow + h.usedRefundable} refundable now</strong>
        {h.usedRefundable ? ` (${h.usedRefundable} of them used)` : ''}
      </dd>
      <dt>Instructor</dt>
      <dd>
        {h.used === 0
          ? 'No hours used: the instructor has earned nothing from this payment yet.'
          : `${h.usedPaidToInstructor} of the ${h.used} used hours already paid to the instructor; ${
              h.usedRefundable
                ? 'refunding used hours claws their share back.'
                : 'refunding used hours needs finance or a manager.'
            }`}
      </dd>
    </dl>
  );
}

/** What the chosen hours mean: the clawback when they take used hours, and who approves. */
function optionHint(o: RefundQuote['options'][number], limitPence: number): string {
  const approver =
    o.amountPence > limitPence
      ? `Above the ${formatPence(limitPence)} limit: someone in finance or a manager other than you approves it.`
      : o.usedHours
        ? 'Finance or a manager approves it.'
        : `At or below ${formatPence(limitPence)}: support may approve it.`;
  if (!o.usedHours) return approver;
  const how = o.instructorPaid
    ? 'they were paid for these hours already, so their transfer is reversed in Stripe (or, if their Stripe balance is too low, deducted from their next payout)'
    : 'they have not been paid for these hours yet, so the earning is cancelled';
  return `${o.usedHours} h of these were used in lessons: ${formatPence(o.clawbackPence)} is clawed back from the instructor — ${how}. ${approver}`;
}
