// Asking for a refund of a payment's hours, or of an amount: the form shows what the learner paid, the hours used (and
// whether the instructor was paid for them), unused, refunded and on their way, what each number of hours gives back
// (and which hours an amount takes, and what of their share the learner gives up), what it claws back from the
// instructor when it takes used hours (finance and managers only) and whether it needs a second person; the server
// checks it all again and says what to change.
import { useState } from 'react';
import { REFUND_REASONS, type RefundQuote, type RefundReason } from '@shared/contract/refunds';
import { formatPence, parsePounds } from '@shared/money';
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
  TextField,
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
  const [by, setBy] = useState<'hours' | 'amount'>('hours');
  const [hours, setHours] = useState('');
  const [amount, setAmount] = useState('');
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
  const byAmount = by === 'amount';
  const amountPence = byAmount ? parsePounds(amount) : null;
  const amountProblem = !byAmount || !q ? undefined : amountCheck(amount, amountPence, q);
  const chosen = byAmount
    ? amountProblem === undefined && amountPence !== null
      ? q?.options.find((o) => o.amountPence >= amountPence)
      : undefined
    : (q?.options.find((o) => String(o.hours) === hours) ?? q?.options.at(-1));
  const refundPence = byAmount ? amountPence : (chosen?.amountPence ?? null);
  const server = fieldErrorsOf(request.error);
  const noteProblem = tried && !note.trim() ? 'Say why the learner gets money back.' : undefined;
  const submit = () => {
    setTried(true);
    if (!chosen || !note.trim()) return;
    request.mutate(
      byAmount
        ? { paymentId, amount: amount.trim(), reason, note: note.trim() }
        : { paymentId, hours: chosen.hours, reason, note: note.trim() },
    );
  };
  return (
    <FormDialog
      id="refund-request-form"
      title="Request a refund"
      confirmLabel={
        chosen && refundPence !== null ? `Request ${formatPence(refundPence)} refund` : 'Request refund'
      }
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
              <fieldset className="radio-group">
                <legend>Refund</legend>
                <label className="checkbox">
                  <input type="radio" name="refund-by" checked={!byAmount} onChange={() => setBy('hours')} />
                  <span>Whole hours</span>
                </label>
                <label className="checkbox">
                  <input type="radio" name="refund-by" checked={byAmount} onChange={() => setBy('amount')} />
                  <span>An amount</span>
                </label>
              </fieldset>
              {byAmount ? (
                <TextField
                  label="Amount to refund (£)"
                  inputMode="decimal"
                  placeholder="80.00"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  error={(amount.trim() || tried ? amountProblem : undefined) ?? server.amount}
                  hint={
                    chosen && amountPence !== null
                      ? amountHint(amountPence, chosen, q.approvalLimitPence)
                      : `At most ${formatPence(q.options.at(-1)?.amountPence ?? 0)}: it takes back the fewest whole hours whose share covers it, from the last hour back.`
                  }
                  data-autofocus
                />
              ) : (
                <SelectField
                  label="Hours to refund"
                  value={chosen ? String(chosen.hours) : ''}
                  onChange={(e) => setHours(e.target.value)}
                  options={q.options.map((o) => ({
                    value: String(o.hours),
                    label: `${o.hours} h — ${formatPence(o.amountPence)}${o.usedHours ? ` (${o.usedHours} h used in lessons)` : ''}`,
                  }))}
                  error={server.hours}
                  hint={chosen ? optionHint(chosen, chosen.amountPence, q.approvalLimitPence) : undefined}
                  data-autofocus
                />
              )}
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

/** Why the typed amount cannot be asked for (what to change), or undefined when it can. */
function amountCheck(text: string, pence: number | null, q: RefundQuote): string | undefined {
  if (!text.trim()) return 'Enter the amount to refund, such as 80.00.';
  if (pence === null) return 'Enter an amount in pounds, such as 80.00.';
  if (pence <= 0) return 'Enter more than £0.00.';
  const most = q.options.at(-1)?.amountPence ?? 0;
  if (pence > most)
    return `At most ${formatPence(most)} can be refunded now: enter ${formatPence(most)} or less.${
      q.hours.usedRefundable === 0 && q.hours.used > 0
        ? ' More would take hours used in lessons, which needs finance or a manager.'
        : ''
    }`;
  return undefined;
}

/** Which hours an amount takes back, what of their share the learner gives up, and the rest as for hours. */
function amountHint(pence: number, o: RefundQuote['options'][number], limitPence: number): string {
  const given = o.amountPence - pence;
  const hours = `${formatPence(pence)} takes back ${o.hours} h from the learner’s credits (their share is ${formatPence(o.amountPence)}${
    given > 0 ? `: the learner gives up ${formatPence(given)} of it, which the platform keeps` : ''
  }).`;
  return `${hours} ${optionHint(o, pence, limitPence)}`;
}

/** What the chosen hours mean: the clawback when they take used hours, and who approves `amountPence`. */
function optionHint(o: RefundQuote['options'][number], amountPence: number, limitPence: number): string {
  const approver =
    amountPence > limitPence
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
