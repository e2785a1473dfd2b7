// One search for the ⌘K palette: payments by any Stripe id or its prefix (pi_, ch_, re_, tr_, po_, acct_) or by
// amount, people by name or email, codes — each hit with a link to its object.
import { z } from 'zod';
import { method } from './define';
import type { AttentionLink } from './overview';

export const SEARCH_KINDS = ['payment', 'transfer', 'payout', 'person', 'instructor', 'code'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  /** Unique within its kind. */
  id: string;
  title: string;
  detail: string;
  link: AttentionLink;
}

export const searchContract = {
  'search.find': method<SearchHit[]>()({
    input: z.strictObject({
      q: z
        .string()
        .trim()
        .min(2, 'Type at least 2 characters.')
        .max(200, 'Search for at most 200 characters.'),
    }),
    access: 'signedIn',
    reads: [
      'payments',
      'refunds',
      'payouts',
      'stripe_objects',
      'stripe_connect_accounts',
      'users',
      'instructors',
      'discount_codes',
      'referral_codes',
      'unattributed_objects',
    ],
    writes: [],
    summary:
      'Payments, transfers, payouts, people and codes matching a Stripe id (or prefix), an amount or a name.',
  }),
};
