// Contract handlers for the Audit log page (its own room: the export sits above both the audit chain and exports).
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { auditFacets, listAudit } from '../audit/queries';
import { auditScope } from '../audit/scope';
import { batchChanges } from '../audit/batch-changes';
import { verifyAuditChain } from '../audit/verify';
import { startAuditExport } from './export';
import { listAuditById } from './id-page';

export const auditHandlers: Handlers<
  'audit.list' | 'audit.facets' | 'audit.changes' | 'audit.verify' | 'audit.export'
> = {
  'audit.list': (ctx, input) => {
    const scope = auditScope(requireOperator(ctx).role);
    return listAuditById(ctx.sqlite, input, scope) ?? listAudit(ctx.sqlite, input, scope);
  },
  'audit.facets': (ctx) => auditFacets(ctx.sqlite, auditScope(requireOperator(ctx).role)),
  'audit.changes': (ctx, input) => batchChanges(ctx.sqlite, input, auditScope(requireOperator(ctx).role)),
  'audit.verify': (ctx) => verifyAuditChain(ctx.sqlite),
  'audit.export': (ctx, input) => startAuditExport(ctx, input),
};
