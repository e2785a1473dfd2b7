// A payment's disputes in its drawer, one short block each: status, amount, reason in words, the evidence deadline
// with the days left, and for a lost one finance's decision on the instructor's share (or the button to make it).
import { useState } from 'react';
import type { DisputeRow } from '@shared/contract/disputes';
import type { Role } from '@shared/contract';
import { formatPence } from '@shared/money';
import { canAccess, useQueryMethod } from '../../lib/api';
import { Badge, DateTime, DrawerSection, Id, Money } from '../../components/ui';
import { DisputeDecisionDialog } from './DisputesSection';
import { disputeReason } from '@shared/dispute-reasons';
import { daysLeftLabel, disputeStatus } from './labels';

export function PaymentDisputes({ role, paymentId }: { role: Role; paymentId: string }) {
  const [deciding, setDeciding] = useState<DisputeRow | null>(null);
  const list = useQueryMethod('disputes.list', {
    paymentId,
    page: 1,
    pageSize: 100,
    sort: { column: 'created', direction: 'asc' },
  });
  const rows = list.data?.rows ?? [];
  if (rows.length === 0) return null;
  const mayDecide = canAccess('disputes.decide', role);
  return (
    <DrawerSection title={`Disputes (${rows.length})`}>
      <ul className="plain-list">
        {rows.map((d) => (
          <li key={d.id} className="plain-list__row dispute-row">
            <Badge tone={disputeStatus(d.status).tone}>{disputeStatus(d.status).label}</Badge>{' '}
            <Money pence={d.amountPence} inline /> <span>{disputeReason(d.reason)}</span>{' '}
            <span className="muted">
              opened <DateTime ms={d.createdAt} />
            </span>{' '}
            <Id value={d.id} href={d.dashboardUrl} label="dispute" />
            <div className="dispute-row__deadline">
              {d.evidenceDueBy !== null && d.daysLeft !== null ? (
                <>
                  Evidence due <DateTime ms={d.evidenceDueBy} />{' '}
                  <Badge tone={d.daysLeft <= 3 ? 'red' : 'amber'}>{daysLeftLabel(d.daysLeft)}</Badge>
                </>
              ) : (
                <span className="muted">No evidence asked for now.</span>
              )}
            </div>
            {d.decision ? (
              <div className="dispute-row__deadline">
                {d.decision.decision === 'claw_back' ? 'Clawed back' : 'Absorbed'}{' '}
                <Money pence={d.decision.instructorSharePence} inline /> of the instructor’s share{' '}
                <span className="muted">
                  by {d.decision.decidedBy}: {d.decision.note}
                </span>
              </div>
            ) : d.needsDecision ? (
              <div className="dispute-row__deadline">
                {mayDecide ? (
                  <button type="button" className="button button--small" onClick={() => setDeciding(d)}>
                    Decide on {formatPence(d.instructorSharePence)}
                  </button>
                ) : (
                  <Badge tone="amber">Finance decides on the instructor’s share</Badge>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {deciding ? <DisputeDecisionDialog dispute={deciding} onClose={() => setDeciding(null)} /> : null}
    </DrawerSection>
  );
}
