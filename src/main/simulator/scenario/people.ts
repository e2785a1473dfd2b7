// Seeded instructors, learners and their codes: names, emails, hourly rates and UUIDs.
import type { Prng } from '../core/prng';
import type { Instructor, Learner } from './types';

const FIRST = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Harry',
  'Mia',
  'Noah',
  'Grace',
  'Jack',
  'Freya',
  'Leo',
  'Lily',
  'Arthur',
  'Emily',
  'Oscar',
  'Sophie',
  'Charlie',
  'Ella',
  'Jacob',
  'Poppy',
  'Alfie',
  'Ruby',
  'Thomas',
  'Evie',
  'Henry',
  'Chloe',
  'Archie',
  'Priya',
  'Mohammed',
  'Aisha',
  'Ravi',
  'Zara',
  'Kwame',
  'Siobhan',
  'Callum',
  'Niamh',
  'Rhys',
  'Megan',
  'Dylan',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Khan',
  'Hughes',
  'Edwards',
  'Lewis',
  'Hill',
  'Moore',
  'Clark',
  'Harrison',
  'Scott',
  'Young',
  'Morris',
  'Ward',
  'Turner',
  'Campbell',
  'Murphy',
  'Ali',
  'Begum',
];

function person(prng: Prng, n: number, domain: string): { id: string; name: string; email: string } {
  const first = prng.pick(FIRST);
  const last = prng.pick(LAST);
  return {
    id: prng.uuid(),
    name: `${first} ${last}`,
    email: `${first}.${last}.${n}@${domain}`.toLowerCase(),
  };
}

export function makeInstructor(prng: Prng, n: number): Omit<Instructor, 'accountId'> {
  const p = person(prng, n, 'instructors.lplate.test');
  return { ...p, ratePence: prng.int(60, 90) * 50 };
}

export function makeLearner(prng: Prng, n: number): Learner {
  return person(prng, n, 'learners.lplate.test');
}
