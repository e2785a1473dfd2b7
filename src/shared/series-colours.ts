// The fixed colour of each money series on every chart — on screen (recharts) and in the printed report (SVG).
// Gross, fee, refunds and the liabilities match the Overview's cards.
export const SERIES_COLOURS = {
  grossPence: '#4f5bd5',
  platformFeePence: '#0f8b8d',
  transfersPence: '#2f9e44',
  refundsPence: '#d9480f',
  stripeFeesPence: '#5c677d',
  learnerPrepaidPence: '#b7791f',
  instructorPayablePence: '#8e44ad',
} as const;

export const SERIES_LABELS: Record<keyof typeof SERIES_COLOURS, string> = {
  grossPence: 'Gross volume',
  platformFeePence: 'Platform fee',
  transfersPence: 'Transfers',
  refundsPence: 'Refunds',
  stripeFeesPence: 'Stripe fees',
  learnerPrepaidPence: 'Learner prepaid',
  instructorPayablePence: 'Instructor payable',
};
