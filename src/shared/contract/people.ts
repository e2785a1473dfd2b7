// People of the marketplace (learners, instructors, operators) found by name or email: pickers such as a referral
// code's referrer.
import { z } from 'zod';
import { method } from './define';

export interface PersonMatch {
  id: string;
  name: string;
  email: string;
}

export const peopleContract = {
  'people.search': method<PersonMatch[]>()({
    input: z.strictObject({
      q: z.string().trim().min(2, 'Type at least 2 characters to search.').max(64),
      limit: z.int().min(1).max(50).default(10),
    }),
    access: 'signedIn',
    reads: ['users'],
    writes: [],
    summary: 'Up to `limit` people whose name or email contains the text, by name.',
  }),
};
