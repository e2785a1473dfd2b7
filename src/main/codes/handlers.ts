// Contract handlers of the codes domain.
import type { Handlers } from '../api/context';
import type { codesContract } from '../../shared/contract/codes';
import { londonDate } from '../../shared/dates';
import { createCode, generateCodes } from './create';
import { codeDetail } from './detail';
import { codesCsv, listCodes } from './queries';
import { batchCsv, listReferrers, referrersCsv } from './referrers';
import { adoptCode, resendCode, updateCode } from './update';

const today = (ctx: { clock: { now(): number } }) => londonDate(ctx.clock.now());

export const codesHandlers: Handlers<keyof typeof codesContract> = {
  'codes.list': (ctx, input) => listCodes(ctx.sqlite, ctx.workspace.mode, input, today(ctx)),
  'codes.csv': (ctx, input) => codesCsv(ctx.sqlite, ctx.workspace.mode, input, today(ctx)),
  'codes.get': (ctx, input) => codeDetail(ctx.sqlite, ctx.workspace.mode, input.codeId, today(ctx)),
  'codes.create': (ctx, input) => createCode(ctx, input),
  'codes.generate': (ctx, input) => generateCodes(ctx, input),
  'codes.update': (ctx, input) => updateCode(ctx, input),
  'codes.resend': (ctx, input) => resendCode(ctx, input),
  'codes.adopt': (ctx, input) => adoptCode(ctx, input),
  'codes.batchCsv': (ctx, input) => batchCsv(ctx.sqlite, input.batchId, today(ctx)),
  'codes.referrers': (ctx, input) => listReferrers(ctx.sqlite, input),
  'codes.referrersCsv': (ctx, input) => referrersCsv(ctx.sqlite, input.sort, today(ctx)),
};
