// Connect status in words and colours: the account's state, charges and payouts, and the flag when they cannot be paid.
import type { ConnectView, InstructorRow } from '@shared/contract/instructors';
import { Badge, type BadgeTone } from '../../components/ui';

const STATE: Record<ConnectView['status'], { label: string; tone: BadgeTone }> = {
  enabled: { label: 'Enabled', tone: 'green' },
  pending: { label: 'Onboarding', tone: 'amber' },
  restricted: { label: 'Restricted', tone: 'red' },
  rejected: { label: 'Rejected', tone: 'red' },
};

export function ConnectBadge({ connect }: { connect: ConnectView | null }) {
  if (!connect) return <Badge tone="red">No account</Badge>;
  const s = STATE[connect.status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export function Capability({ on, label }: { on: boolean; label: string }) {
  return (
    <Badge tone={on ? 'green' : 'red'} title={`${label} ${on ? 'enabled' : 'disabled'}`}>
      {on ? 'On' : 'Off'}
    </Badge>
  );
}

export function FlagMark({ flag }: { flag: InstructorRow['flag'] }) {
  if (!flag) return null;
  return (
    <span className="flag" title={flag.reason}>
      <span aria-hidden="true">⚑</span> <span className="flag__words">Cannot be paid</span>
    </span>
  );
}
