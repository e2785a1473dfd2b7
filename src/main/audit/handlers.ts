// Contract handlers for the Audit log page.
import type { Handlers } from '../api/context';
import { auditFacets, listAudit } from './queries';
import { verifyAuditChain } from './verify';

export const auditHandlers: Handlers<'audit.list' | 'audit.facets' | 'audit.verify'> = {
  'audit.list': (ctx, input) => listAudit(ctx.sqlite, input),
  'audit.facets': (ctx) => auditFacets(ctx.sqlite),
  'audit.verify': (ctx) => verifyAuditChain(ctx.sqlite),
};
