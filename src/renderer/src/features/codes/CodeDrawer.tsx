// One code's insight and its actions: uses by week, what it brought in and what it cost the platform (a negative net
// fee shown as a subsidy, never hidden), what to look at, its promotion codes in Stripe and the writes made for it;
// for finance and managers, deactivate or reactivate, change limit and expiry, send to Stripe again, take over.
import { useState } from 'react';
import type { Role } from '@shared/contract';
import type { CodeDetail, CodeRow, CodeWrite } from '@shared/contract/codes';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { apiErrorOf, canAccess, useQueryMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useRouteParams } from '../../lib/router';
import {
  Badge,
  DateTime,
  Drawer,
  DrawerSection,
  ErrorState,
  Id,
  Money,
  Skeleton,
  type BadgeTone,
} from '../../components/ui';
import { CodeActionDialog, type CodeAction } from './CodeActions';
import { CodeStatusBadge, sendingToStripe, StripeStateBadge } from './status';
import { UsesChart } from './UsesChart';

export function CodeDrawer({ codeId, role, onClose }: { codeId: string; role: Role; onClose: () => void }) {
  const detail = useQueryMethod('codes.get', { codeId });
  const [action, setAction] = useState<CodeAction | null>(null);
  const c = detail.data?.code;
  const mayChange = canAccess('codes.update', role);
  return (
    <Drawer
      open
      title={c ? <code className="code-text">{c.code}</code> : 'Code'}
      subtitle={
        c
          ? `${c.percentage}% off the list price · ${c.kind === 'discount' ? 'discount code' : `referral code of ${c.referrer?.name ?? 'an unknown person'}`}`
          : null
      }
      onClose={onClose}
      footer={
        !c ? null : mayChange ? (
          <CodeButtons code={c} onAction={setAction} />
        ) : (
          <span className="muted drawer__readonly">View only — finance or a manager can change codes.</span>
        )
      }
    >
      {detail.isError ? (
        <ErrorState
          error={apiErrorOf(detail.error)!}
          onRetry={() => void detail.refetch()}
          title="Could not load this code"
        />
      ) : detail.data ? (
        <CodeBody detail={detail.data} mayChange={mayChange} onAction={setAction} />
      ) : (
        <Skeleton lines={10} />
      )}
      {action && c ? <CodeActionDialog action={action} code={c} onClose={() => setAction(null)} /> : null}
    </Drawer>
  );
}

function CodeButtons({ code: c, onAction }: { code: CodeRow; onAction: (a: CodeAction) => void }) {
  const busy = sendingToStripe(c);
  const title = busy ? 'Wait until Stripe has answered the last change (see Jobs).' : undefined;
  return (
    <div className="drawer__actions">
      {c.isActive ? (
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          title={title}
          onClick={() => onAction('deactivate')}
        >
          Deactivate
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          title={title}
          onClick={() => onAction('reactivate')}
        >
          Reactivate
        </button>
      )}
      <button type="button" className="button" disabled={busy} title={title} onClick={() => onAction('edit')}>
        Edit limit &amp; expiry
      </button>
      {c.stripe.state === 'refused' || c.stripe.state === 'out_of_step' ? (
        <button type="button" className="button" onClick={() => onAction('resend')}>
          Send to Stripe again
        </button>
      ) : null}
      {c.stripe.state === 'stripe_only' ? (
        <button type="button" className="button" onClick={() => onAction('adopt')}>
          Take over
        </button>
      ) : null}
    </div>
  );
}

/** What Stripe is doing with the code, when a person should know: on its way, refused, out of step, not ours. */
function StripeNotice({
  code: c,
  mayChange,
  onAction,
}: {
  code: CodeRow;
  mayChange: boolean;
  onAction: (a: CodeAction) => void;
}) {
  const [, setParams] = useRouteParams();
  const s = c.stripe;
  if (s.state === 'sending')
    return (
      <div className="notice notice--blue" role="status">
        <strong>Sending to Stripe…</strong> {s.detail ?? 'The page updates when Stripe answers.'}{' '}
        {s.jobId ? (
          <button type="button" className="link-button" onClick={() => setParams({ jobs: 'open' })}>
            See the job
          </button>
        ) : null}
      </div>
    );
  if (s.state === 'refused' || s.state === 'out_of_step') {
    const refused = s.state === 'refused';
    return (
      <div className={`notice ${refused ? 'notice--red' : 'notice--amber'}`} role="alert">
        <strong>
          {refused ? 'Stripe refused the last change.' : 'Stripe’s code differs from the console’s.'}
        </strong>{' '}
        {s.reason}{' '}
        {!mayChange
          ? 'Finance or a manager can send it again.'
          : refused
            ? 'Check the reason, then send it again.'
            : 'Send the console’s terms to Stripe again to bring them in step.'}
        {mayChange ? (
          <div className="notice__actions">
            <button type="button" className="button button--small" onClick={() => onAction('resend')}>
              Send to Stripe again
            </button>
          </div>
        ) : null}
      </div>
    );
  }
  if (s.state === 'stripe_only')
    return (
      <div className="notice notice--grey">
        <strong>Made in Stripe.</strong> Its terms are Stripe’s until someone takes it over; changing it here
        takes it over.
      </div>
    );
  return null;
}

function CodeBody({
  detail,
  mayChange,
  onAction,
}: {
  detail: CodeDetail;
  mayChange: boolean;
  onAction: (a: CodeAction) => void;
}) {
  const { code: c, totals, weeks, promotions, writes, ownReferrerUses } = detail;
  const subsidy = totals.netFeePence < 0;
  // "Made in Stripe" is said by the notice above, with what to do about it.
  const flags = c.flags.filter((f) => f.kind !== 'made_in_stripe');
  return (
    <>
      <StripeNotice code={c} mayChange={mayChange} onAction={onAction} />
      <dl className="details">
        <dt>Status</dt>
        <dd className="badge-row">
          <CodeStatusBadge status={c.status} />
          <StripeStateBadge stripe={c.stripe} />
        </dd>
        <dt>Discount</dt>
        <dd>{c.percentage}% off the list price (the platform absorbs it)</dd>
        <dt>Uses</dt>
        <dd>
          {formatCount(c.usesCount)} {c.maxUses === null ? '(no limit)' : `of ${formatCount(c.maxUses)}`}
          {c.stripeTimesRedeemed !== null ? (
            <span className="muted"> · Stripe counted {formatCount(c.stripeTimesRedeemed)}</span>
          ) : null}
        </dd>
        <dt>Expires</dt>
        <dd>{c.expiresOn ? `after ${formatDay(c.expiresOn)}` : <span className="muted">Never</span>}</dd>
        {c.referrer ? (
          <>
            <dt>Referrer</dt>
            <dd>{c.referrer.name}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          {c.createdBy ? `by ${c.createdBy}, ` : <span className="muted">in Stripe, </span>}
          <DateTime ms={c.createdAt} />
          {c.takenOverBy ? <span className="muted"> · taken over by {c.takenOverBy}</span> : null}
          {c.batchId ? <span className="muted"> · generated in a batch</span> : null}
        </dd>
        <dt>In Stripe</dt>
        <dd>
          {c.stripePromotionCodeId ? (
            <Id value={c.stripePromotionCodeId} href={c.dashboardUrl ?? undefined} label="promotion code" />
          ) : (
            <span className="muted">Not yet in Stripe</span>
          )}
        </dd>
      </dl>

      {flags.length > 0 ? (
        <DrawerSection title="To look at">
          <ul className="flag-list">
            {flags.map((f) => (
              <li key={f.kind} className={`flag-list__item flag-list__item--${f.kind}`}>
                <span aria-hidden="true">⚑</span> {f.message}
              </li>
            ))}
          </ul>
        </DrawerSection>
      ) : null}

      <DrawerSection title="Uses by week">
        <UsesChart weeks={weeks} code={c.code} />
      </DrawerSection>

      <DrawerSection title="Money">
        <table className="split" aria-label="What the code brought in and cost">
          <tbody>
            <tr>
              <th scope="row">
                Revenue (what learners paid, {formatCount(totals.uses)} payment{totals.uses === 1 ? '' : 's'})
              </th>
              <td>
                <Money pence={totals.revenuePence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Paid to instructors (in full, whatever the discount)</th>
              <td>
                <Money pence={totals.instructorPence} />
              </td>
            </tr>
            <tr className="split__total">
              <th scope="row">
                Net platform fee (revenue − instructors)
                {subsidy ? <span className="subsidy-label">Subsidy</span> : null}
              </th>
              <td>
                <Money pence={totals.netFeePence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Discount given (the platform’s cost)</th>
              <td>
                <Money pence={totals.discountPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Refunded to learners</th>
              <td>
                <Money pence={totals.refundedPence} />
              </td>
            </tr>
          </tbody>
        </table>
        {subsidy ? (
          <p className="subsidy-note">
            A subsidy: on these payments the platform paid instructors {formatPence(-totals.netFeePence)} more
            than learners paid it.
          </p>
        ) : null}
        {c.kind === 'referral' ? (
          <p className={ownReferrerUses > 0 ? 'subsidy-note' : 'muted'}>
            {ownReferrerUses > 0
              ? `⚑ Used ${formatCount(ownReferrerUses)} time${ownReferrerUses === 1 ? '' : 's'} by its own referrer, which the rules forbid.`
              : 'Never used by its own referrer.'}
          </p>
        ) : null}
      </DrawerSection>

      <DrawerSection title={`Promotion codes in Stripe (${promotions.length})`}>
        {promotions.length === 0 ? (
          <p className="muted">Stripe has no promotion code with this text yet.</p>
        ) : (
          <ul className="plain-list">
            {promotions.map((p) => (
              <li key={p.id} className="plain-list__row">
                <Id value={p.id} href={p.dashboardUrl} label="promotion code" />
                <Badge tone={p.active ? 'green' : 'grey'}>{p.active ? 'Active' : 'Inactive'}</Badge>
                <span className="muted">
                  {p.percentage !== null ? `${p.percentage}% · ` : ''}
                  {formatCount(p.timesRedeemed)} redeemed
                  {p.maxRedemptions !== null ? ` of ${formatCount(p.maxRedemptions)}` : ''}
                  {p.expiresOn ? ` · until ${formatDay(p.expiresOn)}` : ''}
                </span>
                {p.mirrored ? (
                  <Badge tone="accent" title="The promotion code this console code mirrors">
                    Mirrored
                  </Badge>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </DrawerSection>

      <DrawerSection title="Changes sent to Stripe">
        {writes.length === 0 ? (
          <p className="muted">
            {c.stripe.state === 'stripe_only' ? 'None: the console has not changed this code.' : 'None yet.'}
          </p>
        ) : (
          <ol className="timeline">
            {writes.map((w) => (
              <WriteItem key={w.writeId} write={w} />
            ))}
          </ol>
        )}
      </DrawerSection>
    </>
  );
}

const WRITE: Record<CodeWrite['state'], [BadgeTone, string]> = {
  pending: ['amber', 'Not sent yet'],
  sent: ['blue', 'Sent'],
  unknown: ['amber', 'Unconfirmed'],
  succeeded: ['green', 'Done'],
  failed: ['red', 'Refused'],
  canceled: ['grey', 'Cancelled'],
};

function WriteItem({ write: w }: { write: CodeWrite }) {
  const [tone, word] = WRITE[w.state];
  return (
    <li className="timeline__item">
      <span className="timeline__dot" aria-hidden="true" />
      <div>
        <div className="timeline__when">
          <DateTime ms={w.requestedAt} /> · {w.requestedBy ?? 'the console'}
        </div>
        <div className="timeline__what badge-row">
          <span>{w.label}</span> <Badge tone={tone}>{word}</Badge>
          {w.stripeId ? <Id value={w.stripeId} label="Stripe object" /> : null}
        </div>
        {w.detail && w.state !== 'succeeded' ? <div className="muted">{w.detail}</div> : null}
      </div>
    </li>
  );
}
