// Contract handlers of the codes domain: the Codes page's list, and pausing or resuming a code in Stripe.
import type { Handlers } from '../api/context';
import type { codesContract } from '../../shared/contract/codes';
import { londonDate } from '../../shared/dates';
import { listCodes } from './queries';
import { setCodeActive } from './set-active';

export const codesHandlers: Handlers<keyof typeof codesContract> = {
  'codes.list': (ctx, input) => listCodes(ctx.sqlite, ctx.workspace.mode, input, londonDate(ctx.clock.now())),
  'codes.setActive': (ctx, input) => setCodeActive(ctx, input),
};
