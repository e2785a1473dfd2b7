// One payment in the drawer: Stripe ids (opened in the Dashboard), the split, refunds, journal, the credit it feeds, audit.
import type { PaymentCreditView, PaymentDetail } from '@shared/contract/payments';
import { apiErrorOf, useQueryMethod } from '../../lib/api';
import { actionName } from '@shared/names';
import {
  Badge,
  Coded,
  DateTime,
  Drawer,
  DrawerSection,
  ErrorState,
  Id,
  Money,
  Skeleton,
} from '../../components/ui';
import { JournalTable } from './JournalTable';
import { PaymentRefunds } from '../refunds/PaymentRefunds';
import { STATUS, TYPE } from './labels';

export function PaymentDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useQueryMethod('payments.get', { id });
  const p = detail.data?.payment;
  return (
    <Drawer
      open
      title={p ? `${p.learner.name} → ${p.instructor.name}` : 'Payment'}
      subtitle={
        p ? (
          <span>
            <Badge tone={STATUS[p.status].tone}>{STATUS[p.status].label}</Badge> {TYPE[p.type]} · {p.hours} h
            · <DateTime ms={p.createdAt} />
          </span>
        ) : null
      }
      onClose={onClose}
    >
      {detail.isError ? (
        <ErrorState
          error={apiErrorOf(detail.error)!}
          onRetry={() => void detail.refetch()}
          title="Could not load this payment"
        />
      ) : detail.data ? (
        <PaymentBody detail={detail.data} />
      ) : (
        <Skeleton lines={8} />
      )}
    </Drawer>
  );
}

/** "10 purchased: 3 used, 2 refunded, 5 left" — refunded hours always named, even when none. */
function creditLine(c: PaymentCreditView): string {
  const left = c.hoursPurchased - c.hoursUsed - c.hoursRefunded;
  return `${c.hoursPurchased} purchased: ${c.hoursUsed} used, ${c.hoursRefunded} refunded, ${left} left`;
}

function PaymentBody({ detail }: { detail: PaymentDetail }) {
  const { payment: p, stripe, journal, credit, audit } = detail;
  const names = { [p.learner.id]: p.learner.name, [p.instructor.id]: p.instructor.name };
  return (
    <>
      <dl className="details">
        <dt>Payment intent</dt>
        <dd>
          <Id value={stripe.paymentIntent.id} href={stripe.paymentIntent.url} label="payment intent" />
        </dd>
        <dt>Charge</dt>
        <dd>
          {stripe.charge ? (
            <Id value={stripe.charge.id} href={stripe.charge.url} label="charge" />
          ) : (
            <span className="muted">Not synced yet</span>
          )}
        </dd>
        <dt>Learner</dt>
        <dd>
          {p.learner.name} <span className="muted">{p.learner.email}</span>
        </dd>
        <dt>Code</dt>
        <dd>
          {p.code ? (
            <>
              <code className="tag">{p.code}</code> <span className="muted">{p.codeKind}</span>
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
      </dl>

      <DrawerSection title="Amount split">
        <table className="split" aria-label="Amount split">
          <tbody>
            <tr>
              <th scope="row">Total charged</th>
              <td>
                <Money pence={p.totalPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Instructor share</th>
              <td>
                <Money pence={p.instructorPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Platform fee</th>
              <td>
                <Money pence={p.feePence} />
              </td>
            </tr>
            {p.discountPence ? (
              <tr>
                <th scope="row">Discount (borne by the platform)</th>
                <td>
                  <Money pence={p.discountPence} />
                </td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Refunded</th>
              <td>
                <Money pence={p.refundedPence} />
              </td>
            </tr>
          </tbody>
        </table>
      </DrawerSection>

      <PaymentRefunds
        paymentId={p.id}
        refundable={p.status === 'succeeded' || p.status === 'partially_refunded'}
      />

      <DrawerSection title="Journal">
        {journal.length === 0 ? (
          <p className="muted">
            No journal entries: nothing has moved for this payment yet (it is{' '}
            {STATUS[p.status].label.toLowerCase()}).
          </p>
        ) : (
          journal.map((t) => <JournalTable key={t.id} transaction={t} names={names} />)
        )}
      </DrawerSection>

      <DrawerSection title="Learner credit">
        {credit ? (
          <dl className="details details--tight">
            <dt>Hours</dt>
            <dd>
              {creditLine(credit)}{' '}
              {credit.isActive ? (
                <Badge tone="green">hours left</Badge>
              ) : (
                <Badge tone="grey">nothing left</Badge>
              )}
            </dd>
            <dt>Updated</dt>
            <dd>
              <DateTime ms={credit.updatedAt} />
            </dd>
          </dl>
        ) : (
          <p className="muted">No credit row for this learner and instructor yet.</p>
        )}
      </DrawerSection>

      <DrawerSection title="Audit trail">
        {audit.length === 0 ? (
          <p className="muted">No audit entries for this payment.</p>
        ) : (
          <ol className="timeline">
            {audit.map((a) => (
              <li key={a.id} className="timeline__item">
                <span className="timeline__dot" aria-hidden="true" />
                <div>
                  <div className="timeline__when">
                    <DateTime ms={a.createdAt} />
                  </div>
                  <div className="timeline__what">
                    <strong>{a.operatorName ?? a.actor}</strong> —{' '}
                    <Coded name={actionName(a.action)} code={a.action} />
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </DrawerSection>
    </>
  );
}
