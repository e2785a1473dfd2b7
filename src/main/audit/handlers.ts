// Contract handlers for the Audit log page.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { auditFacets, listAudit } from './queries';
import { auditScope } from './scope';
import { verifyAuditChain } from './verify';
import { startAuditExport } from './export';

export const auditHandlers: Handlers<'audit.list' | 'audit.facets' | 'audit.verify' | 'audit.export'> = {
  'audit.list': (ctx, input) => listAudit(ctx.sqlite, input, auditScope(requireOperator(ctx).role)),
  'audit.facets': (ctx) => auditFacets(ctx.sqlite, auditScope(requireOperator(ctx).role)),
  'audit.verify': (ctx) => verifyAuditChain(ctx.sqlite),
  'audit.export': (ctx, input) => startAuditExport(ctx, input),
};
