// Stripe's dispute reasons in the console's words: on the refunds screens and in the Overview's list of what needs a person.
const DISPUTE_REASONS: Record<string, string> = {
  // Stripe's `fraudulent`: the cardholder says they did not make the payment.
  fraudulent: 'Unauthorised',
  product_not_received: 'Lesson not received',
  product_unacceptable: 'Lesson not as described',
  duplicate: 'Charged twice',
  credit_not_processed: 'Refund not received',
  subscription_canceled: 'Cancelled',
  unrecognized: 'Not recognised',
  general: 'General',
};

/** Stripe's dispute reason in words (an unknown one with its underscores as spaces). */
export const disputeReason = (reason: string) => DISPUTE_REASONS[reason] ?? reason.replace(/_/g, ' ');
