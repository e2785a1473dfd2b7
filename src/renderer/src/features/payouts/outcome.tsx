// The words and colours of payout statuses and outcomes, the same on every payouts screen (UI.md status language).
import type { ItemOutcome, RunSummary } from '@shared/contract/payouts';
import { Badge, type BadgeTone } from '../../components/ui';

const OUTCOMES: Record<ItemOutcome, [string, BadgeTone]> = {
  paid: ['Paid', 'green'],
  sending: ['Sending', 'blue'],
  not_sent: ['Not sent', 'grey'],
  held: ['Held', 'amber'],
  unconfirmed: ['Unconfirmed', 'amber'],
  failed: ['Failed', 'red'],
  cancelled: ['Cancelled', 'grey'],
};

const RUN_STATES: Record<RunSummary['state'], [string, BadgeTone]> = {
  prepared: ['Waiting for approval', 'amber'],
  executing: ['Executing', 'blue'],
  done: ['Done', 'green'],
  needs_attention: ['Needs attention', 'red'],
};

export const OutcomeBadge = ({ outcome }: { outcome: ItemOutcome }) => (
  <Badge tone={OUTCOMES[outcome][1]}>{OUTCOMES[outcome][0]}</Badge>
);

export const RunStateBadge = ({ state }: { state: RunSummary['state'] }) => (
  <Badge tone={RUN_STATES[state][1]}>{RUN_STATES[state][0]}</Badge>
);
