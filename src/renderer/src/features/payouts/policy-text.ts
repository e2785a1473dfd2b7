// The payout policy in words, as the Payouts page and Settings both show it.
import type { PayoutPolicy } from '@shared/contract/payouts';
import { formatPence } from '@shared/money';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function describeSchedule(policy: PayoutPolicy): string {
  if (!policy.autoPrepare)
    return 'The schedule is off: runs are prepared by finance (or by `lplate payouts run` from a timer).';
  const when = `Prepared every ${WEEKDAYS[policy.scheduleWeekday]} at ${policy.scheduleTime} UK time`;
  return policy.autoExecuteLimitPence === null
    ? `${when}, then waits for finance to approve it.`
    : `${when}; executed automatically when every check passes and the total is at most ${formatPence(policy.autoExecuteLimitPence)}, otherwise it waits for finance.`;
}

export const describeMinimum = (policy: PayoutPolicy) =>
  `Instructors owed less than ${formatPence(policy.minimumPence)} are held until the next Friday.`;
