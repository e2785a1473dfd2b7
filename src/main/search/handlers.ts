// Contract handler of the palette's search.
import type { Handlers } from '../api/context';
import type { searchContract } from '../../shared/contract/search';
import { search } from './find';

export const searchHandlers: Handlers<keyof typeof searchContract> = {
  'search.find': (ctx, input) => search(ctx.sqlite, input.q, ctx.workspace.mode),
};
