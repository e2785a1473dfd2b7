// Words and status colours for payments, in the one status language of UI.md.
import type { PaymentStatus, PaymentType } from '@shared/contract/payments';
import type { BadgeTone } from '../../components/ui';

export const STATUS: Record<PaymentStatus, { label: string; tone: BadgeTone }> = {
  succeeded: { label: 'Succeeded', tone: 'green' },
  partially_refunded: { label: 'Part refunded', tone: 'green' },
  pending: { label: 'Pending', tone: 'amber' },
  disputed: { label: 'Disputed', tone: 'red' },
  failed: { label: 'Failed', tone: 'red' },
  refunded: { label: 'Refunded', tone: 'grey' },
  canceled: { label: 'Cancelled', tone: 'grey' },
};

export const TYPE: Record<PaymentType, string> = { lesson: 'Lesson', credit_pack: 'Credit pack' };
