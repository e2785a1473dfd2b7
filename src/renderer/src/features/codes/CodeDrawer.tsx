// One code: its terms and usage, the Stripe promotion code it mirrors, and pausing or resuming it there — with
// the effect restated before anything is sent, the change followed while it is on its way, and a refusal explained.
import { useState } from 'react';
import type { Role } from '@shared/contract';
import type { CodeRow } from '@shared/contract/codes';
import { formatDay } from '@shared/dates';
import { canAccess, useMutationMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { Badge, DateTime, Dialog, Drawer, Id, useToast } from '../../components/ui';
import { ChangeBadge, changeInFlight, CodeStatusBadge } from './status';

export function CodeDrawer({
  code: c,
  role,
  onClose,
}: {
  code: CodeRow | null;
  role: Role;
  onClose: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!c) return null;
  const mayChange = canAccess('codes.setActive', role) && c.stripePromotionCodeId !== null;
  const change = c.change;
  const busy = changeInFlight(change);
  return (
    <Drawer
      open
      title={<code className="code-text">{c.code}</code>}
      subtitle={`${c.percentage}% off the list price · ${c.kind === 'discount' ? 'discount code' : 'referral code'}`}
      onClose={onClose}
      footer={
        mayChange ? (
          <button
            type="button"
            className={`button ${c.activeInStripe ? 'button--danger' : 'button--primary'}`}
            disabled={busy}
            onClick={() => setAsking(true)}
          >
            {busy ? 'Waiting for Stripe…' : c.activeInStripe ? 'Pause code' : 'Resume code'}
          </button>
        ) : null
      }
    >
      {change?.state === 'failed' ? (
        <div className="notice notice--red" role="alert">
          <strong>Stripe did not {change.active ? 'resume' : 'pause'} this code.</strong> {change.detail}
        </div>
      ) : null}
      {change && busy ? (
        <div className="notice notice--blue" role="status">
          {change.active ? 'Resuming' : 'Pausing'} in Stripe: asked by {change.requestedBy ?? 'the console'}{' '}
          <DateTime ms={change.requestedAt} />. {change.detail ?? 'The page updates when Stripe answers.'}
        </div>
      ) : null}
      <dl className="details">
        <dt>Status</dt>
        <dd className="badge-row">
          <CodeStatusBadge status={c.status} />
          <ChangeBadge change={change} />
        </dd>
        <dt>Discount</dt>
        <dd>{c.percentage}% off the list price (the platform absorbs it)</dd>
        <dt>Uses</dt>
        <dd>
          {formatCount(c.usesCount)} {c.maxUses === null ? '(no limit)' : `of ${formatCount(c.maxUses)}`}
        </dd>
        <dt>Expires</dt>
        <dd>{c.expiresOn ? `after ${formatDay(c.expiresOn)}` : <span className="muted">Never</span>}</dd>
        {c.referrer ? (
          <>
            <dt>Referrer</dt>
            <dd>{c.referrer.name}</dd>
          </>
        ) : null}
        <dt>In Stripe</dt>
        <dd>
          {c.stripePromotionCodeId ? (
            <Id value={c.stripePromotionCodeId} href={c.dashboardUrl ?? undefined} label="promotion code" />
          ) : (
            <Badge tone="amber">Not in Stripe</Badge>
          )}
        </dd>
        {change && change.state === 'succeeded' ? (
          <>
            <dt>Last change</dt>
            <dd>
              {change.active ? 'Resumed' : 'Paused'} by {change.requestedBy ?? 'the console'},{' '}
              <DateTime ms={change.requestedAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <SetActiveDialog code={c} open={asking} onClose={() => setAsking(false)} />
    </Drawer>
  );
}

function SetActiveDialog({ code: c, open, onClose }: { code: CodeRow; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const pausing = c.activeInStripe;
  const verb = pausing ? 'Pause' : 'Resume';
  const mutation = useMutationMethod('codes.setActive', {
    onSuccess: () => {
      toast(`${pausing ? 'Pausing' : 'Resuming'} ${c.code} in Stripe…`, 'info');
      setNote('');
      onClose();
    },
  });
  return (
    <Dialog
      open={open}
      title={`${verb} ${c.code}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${pausing ? 'button--danger' : 'button--primary'}`}
            disabled={mutation.isPending}
            onClick={() =>
              mutation.mutate({
                codeId: c.id,
                active: !pausing,
                ...(note.trim() ? { note: note.trim() } : {}),
              })
            }
            data-autofocus
          >
            {mutation.isPending ? 'Working…' : `${verb} in Stripe`}
          </button>
        </>
      }
    >
      <div className="confirm__effect">
        {pausing
          ? `Pause ${c.code} in Stripe: from then on, learners cannot use it at checkout.`
          : `Resume ${c.code} in Stripe: learners can use it at checkout again (${c.percentage}% off).`}
      </div>
      <div className="confirm__notes">
        Payments already made with it do not change.{' '}
        {pausing ? 'You can resume it later.' : 'You can pause it again.'}
      </div>
      <label className="field">
        <span className="field__label">Why (optional, kept in the audit log)</span>
        <textarea
          className="input textarea"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {mutation.error ? (
        <div className="form-error" role="alert">
          {mutation.error.message}
        </div>
      ) : null}
    </Dialog>
  );
}
