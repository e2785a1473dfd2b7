// Contract handlers of the people domain: finding a person by name or email.
import type { Handlers } from '../api/context';
import type { peopleContract } from '../../shared/contract/people';
import { searchPeople } from './search';

export const peopleHandlers: Handlers<keyof typeof peopleContract> = {
  'people.search': (ctx, input) => searchPeople(ctx.sqlite, input.q, input.limit),
};
