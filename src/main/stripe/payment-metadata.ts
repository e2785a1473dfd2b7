// Reads the §9 metadata of a PaymentIntent (or its charge): who paid whom, for how many hours at what rate.
import { isUuid } from '../../shared/ids';
import { metaInt, metadataOf, type StripeJson } from './json';

export interface PaymentMeta {
  learnerId: string;
  learnerEmail: string;
  learnerName: string;
  instructorId: string;
  paymentType: 'lesson' | 'credit_pack';
  hours: number;
  ratePence: number;
  discountCode: string | null;
  referralCode: string | null;
}

/** The metadata, or the reason it cannot be used. */
export function readPaymentMeta(o: StripeJson): PaymentMeta | { problem: string } {
  const m = metadataOf(o);
  if (!m.lplate_learner_id && !m.lplate_instructor_id)
    return { problem: 'A payment without lplate_* metadata: no learner or instructor can be named for it.' };
  if (!isUuid(m.lplate_learner_id) || !isUuid(m.lplate_instructor_id))
    return { problem: 'lplate_learner_id or lplate_instructor_id is not a UUID.' };
  const type = m.lplate_payment_type;
  if (type !== 'lesson' && type !== 'credit_pack')
    return { problem: `lplate_payment_type "${String(type)}" is neither lesson nor credit_pack.` };
  const hours = metaInt(m.lplate_hours);
  const rate = metaInt(m.lplate_rate_pence);
  if (!hours || hours > 1000 || rate === null)
    return { problem: 'lplate_hours or lplate_rate_pence is not a whole number.' };
  const discountCode = m.lplate_discount_code ? m.lplate_discount_code.toUpperCase() : null;
  const referralCode = m.lplate_referral_code ? m.lplate_referral_code.toUpperCase() : null;
  return {
    learnerId: m.lplate_learner_id.toLowerCase(),
    learnerEmail: m.lplate_learner_email ?? '',
    learnerName: m.lplate_learner_name ?? m.lplate_learner_email ?? m.lplate_learner_id,
    instructorId: m.lplate_instructor_id.toLowerCase(),
    paymentType: type,
    hours,
    ratePence: rate,
    discountCode: discountCode && !referralCode ? discountCode : null,
    referralCode,
  };
}
