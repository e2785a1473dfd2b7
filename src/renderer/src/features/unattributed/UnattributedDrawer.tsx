// One unattributed object: what Stripe holds, why the console could not attribute it, and — for finance — the ways
// to resolve it; once resolved, what was decided, by whom, when and why.
import { useState } from 'react';
import type { Role } from '@shared/contract';
import type { UnattributedItem } from '@shared/contract/unattributed';
import { formatPence } from '@shared/money';
import { canAccess } from '../../lib/api';
import { DateTime, Drawer, DrawerSection, Id, Money } from '../../components/ui';
import { decisionText, kindLabel } from './labels';
import { ResolveDialog, type Resolution } from './ResolveDialog';

export function UnattributedDrawer({
  item,
  role,
  onClose,
}: {
  item: UnattributedItem | null;
  role: Role;
  onClose: () => void;
}) {
  const [resolution, setResolution] = useState<Resolution | null>(null);
  if (!item) return null;
  const mayResolve = canAccess('unattributed.resolve', role) && item.decision === null;
  const attribute: Resolution = item.objectType === 'transfer' ? 'attribute_transfer' : 'attribute_payment';
  return (
    <Drawer
      open
      title={
        item.amountPence === null
          ? kindLabel(item.objectType)
          : `${kindLabel(item.objectType)} of ${formatPence(item.amountPence)}`
      }
      subtitle={<Id value={item.id} href={item.stripeUrl} label="Stripe id" head={12} tail={6} />}
      onClose={onClose}
      footer={
        mayResolve ? (
          <>
            {item.canAttribute ? (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setResolution(attribute)}
              >
                {item.objectType === 'transfer' ? 'Attribute to a payout…' : 'Attribute to a lesson…'}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setResolution('not_marketplace')}>
              Not marketplace money…
            </button>
          </>
        ) : undefined
      }
    >
      <dl className="details">
        <dt>Amount</dt>
        <dd>
          {item.amountPence === null ? <span className="muted">—</span> : <Money pence={item.amountPence} />}
        </dd>
        <dt>Created in Stripe</dt>
        <dd>
          <DateTime ms={item.created} />
        </dd>
        {item.destination ? (
          <>
            <dt>Sent to</dt>
            <dd>
              {item.destination.instructorName ?? <span className="muted">No instructor’s account</span>}{' '}
              <Id value={item.destination.accountId} label="connected account" />
            </dd>
          </>
        ) : null}
      </dl>
      {item.decision ? (
        <DrawerSection title="Decision">
          <dl className="details">
            <dt>Decided</dt>
            <dd>{decisionText(item.decision)}</dd>
            <dt>Note</dt>
            <dd>{item.decision.note}</dd>
            <dt>By</dt>
            <dd>
              {item.decision.decidedBy}, <DateTime ms={item.decision.decidedAt} />
            </dd>
          </dl>
        </DrawerSection>
      ) : (
        <DrawerSection title="Why it is here">
          <p>{item.message}</p>
          {!mayResolve ? (
            <p className="muted">Finance resolves unattributed objects; ask someone with the finance role.</p>
          ) : null}
        </DrawerSection>
      )}
      {resolution ? (
        <ResolveDialog
          item={item}
          resolution={resolution}
          onClose={() => setResolution(null)}
          onDone={onClose}
        />
      ) : null}
    </Drawer>
  );
}
