// A code's status and its change on the way to Stripe, in the one status language (UI.md): a word and a colour.
import type { CodeChange, CodeRow } from '@shared/contract/codes';
import { Badge, type BadgeTone } from '../../components/ui';

const STATUS: Record<CodeRow['status'], [BadgeTone, string]> = {
  active: ['green', 'Active'],
  paused: ['grey', 'Paused'],
  expired: ['grey', 'Expired'],
  exhausted: ['amber', 'Used up'],
};

export function CodeStatusBadge({ status }: { status: CodeRow['status'] }) {
  const [tone, word] = STATUS[status];
  return <Badge tone={tone}>{word}</Badge>;
}

/** Whether a change is still between the console and Stripe. */
export const changeInFlight = (change: CodeChange | null) =>
  change !== null && (change.state === 'pending' || change.state === 'sent' || change.state === 'unknown');

/** The change on its way (blue), or refused (red); nothing once Stripe has done it. */
export function ChangeBadge({ change }: { change: CodeChange | null }) {
  if (!change || change.state === 'succeeded' || change.state === 'canceled') return null;
  if (change.state === 'failed')
    return (
      <Badge tone="red" title={change.detail ?? undefined}>
        {change.active ? 'Resume refused' : 'Pause refused'}
      </Badge>
    );
  return (
    <Badge tone="blue" title={change.detail ?? 'On its way to Stripe'}>
      {change.active ? 'Resuming…' : 'Pausing…'}
    </Badge>
  );
}
