// Words for the kinds of Stripe object the inbox holds and for finance's decisions.
import type { UnattributedDecision } from '@shared/contract/unattributed';
import { formatDay } from '@shared/dates';

export { objectKindLabel as kindLabel } from '@shared/contract/unattributed';

/** One line saying what was decided: "Ann Lee’s lesson with Jo Bell (1 h)", "Payout of Fri 24 Jul 2026". */
export function decisionText(d: UnattributedDecision): string {
  if (d.decision === 'not_marketplace') return 'Not marketplace money';
  if (d.payoutDate) return `${d.instructor?.name ?? 'Instructor'}’s payout of ${formatDay(d.payoutDate)}`;
  const what = d.paymentType === 'credit_pack' ? 'credit pack' : 'lesson';
  return `${d.learner?.name ?? 'Learner'}’s ${what} with ${d.instructor?.name ?? 'instructor'} (${d.hours ?? 0} h)`;
}
