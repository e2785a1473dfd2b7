// A code's status, how it stands in Stripe and what to look at, in the one status language (UI.md): a word and a
// colour, the reason in a tooltip.
import type { CodeFlag, CodeRow, CodeStripeState } from '@shared/contract/codes';
import { Badge, type BadgeTone } from '../../components/ui';
import { formatCount } from '../../lib/format';

const STATUS: Record<CodeRow['status'], [BadgeTone, string]> = {
  active: ['green', 'Active'],
  paused: ['grey', 'Deactivated'],
  expired: ['grey', 'Expired'],
  exhausted: ['amber', 'Used up'],
};

export const STATUS_OPTIONS = [
  { value: 'active', label: 'active' },
  { value: 'paused', label: 'deactivated' },
  { value: 'expired', label: 'expired' },
  { value: 'exhausted', label: 'used up' },
];

export function CodeStatusBadge({ status }: { status: CodeRow['status'] }) {
  const [tone, word] = STATUS[status];
  return <Badge tone={tone}>{word}</Badge>;
}

const STRIPE: Record<CodeStripeState['state'], [BadgeTone, string]> = {
  in_step: ['green', 'In Stripe'],
  sending: ['blue', 'Sending…'],
  refused: ['red', 'Refused by Stripe'],
  out_of_step: ['amber', 'Out of step'],
  stripe_only: ['grey', 'Made in Stripe'],
};

/** Why the badge says what it says, for its tooltip. */
export function stripeExplanation(stripe: CodeStripeState): string {
  switch (stripe.state) {
    case 'in_step':
      return 'Stripe has this code with the console’s terms.';
    case 'sending':
      return stripe.detail ?? 'On its way to Stripe.';
    case 'refused':
      return stripe.reason;
    case 'out_of_step':
      return stripe.reason;
    case 'stripe_only':
      return 'Made in Stripe, not in the console: its terms are Stripe’s until someone takes it over.';
  }
}

export function StripeStateBadge({ stripe }: { stripe: CodeStripeState }) {
  const [tone, word] = STRIPE[stripe.state];
  return (
    <Badge tone={tone} title={stripeExplanation(stripe)}>
      {word}
    </Badge>
  );
}

/** A small marker when a code has something to look at; the messages in its tooltip and accessible name. */
export function FlagsMarker({ flags }: { flags: CodeFlag[] }) {
  if (flags.length === 0)
    return (
      <span className="muted" aria-label="Nothing to look at">
        —
      </span>
    );
  const text = flags.map((f) => f.message).join('\n');
  const serious = flags.some((f) => f.kind !== 'made_in_stripe');
  return (
    <span
      className={`flag-marker${serious ? ' flag-marker--warn' : ''}`}
      title={text}
      aria-label={`${flags.length} flag${flags.length === 1 ? '' : 's'}: ${flags.map((f) => f.message).join(' ')}`}
      role="img"
    >
      <span aria-hidden="true">⚑</span>
      {flags.length > 1 ? <span aria-hidden="true">{flags.length}</span> : null}
    </span>
  );
}

/** "212 / no limit", "21 / 40". */
export const usesText = (r: Pick<CodeRow, 'usesCount' | 'maxUses'>) =>
  r.maxUses === null
    ? `${formatCount(r.usesCount)} / no limit`
    : `${formatCount(r.usesCount)} / ${formatCount(r.maxUses)}`;

/** Whether Stripe still has work in hand for the code (a change now would be refused). */
export const sendingToStripe = (r: Pick<CodeRow, 'stripe'>) => r.stripe.state === 'sending';
