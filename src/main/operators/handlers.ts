// Contract handlers for the Operators page: list, add, change role, deactivate/reactivate.
import type { AuditAction } from '../../shared/names';
import type { Role } from '../../shared/contract/define';
import type { HandlerContext, Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit, changedFields } from '../audit/chain';
import { createOperator } from './create';
import { countActiveAdmins, findOperatorById, listOperators, toView, type OperatorRecord } from './queries';

function onlyAdminsTouchAdmins(ctx: HandlerContext, ...roles: Role[]): void {
  if (roles.includes('admin') && requireOperator(ctx).role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can grant, change or remove the admin role.');
  }
}

function updateOperator(
  ctx: HandlerContext,
  target: OperatorRecord,
  change: { role?: Role; is_active?: boolean },
  action: AuditAction,
  check: () => void,
) {
  const now = ctx.clock.now();
  const before = { role: target.role, is_active: target.isActive };
  const { oldValues, newValues } = changedFields(before, change);
  if (Object.keys(newValues).length === 0) return toView(target);
  ctx.sqlite
    .transaction(() => {
      check();
      ctx.sqlite
        .prepare('UPDATE operators SET role = ?, is_active = ?, updated_at = ? WHERE user_id = ?')
        .run(change.role ?? target.role, (change.is_active ?? target.isActive) ? 1 : 0, now, target.id);
      appendAudit(ctx.sqlite, {
        entityType: 'operator',
        entityId: target.id,
        action,
        oldValues,
        newValues,
        userId: requireOperator(ctx).id,
        actor: 'operator',
        createdAt: now,
      });
    })
    .immediate();
  return toView(findOperatorById(ctx.sqlite, target.id)!);
}

/** Signs the operator out everywhere and tells each of their windows why. */
function endSessions(ctx: HandlerContext, operatorId: string, reason: string): void {
  for (const connectionId of ctx.sessions.endAllFor(operatorId)) {
    ctx.push.publish('session', { state: 'signedOut', reason }, connectionId);
  }
}

function lastAdminGuard(ctx: HandlerContext, target: OperatorRecord) {
  return () => {
    if (target.role === 'admin' && target.isActive && countActiveAdmins(ctx.sqlite) <= 1) {
      throw new AppError('conflict', 'This is the last active admin. Make another operator admin first.');
    }
  };
}

function loadTarget(ctx: HandlerContext, id: string): OperatorRecord {
  const target = findOperatorById(ctx.sqlite, id);
  if (!target) throw notFound('That operator');
  return target;
}

export const operatorsHandlers: Handlers<
  'operators.list' | 'operators.add' | 'operators.setRole' | 'operators.setActive'
> = {
  'operators.list': (ctx, input) => listOperators(ctx.sqlite, input),

  'operators.add': async (ctx, input) => {
    onlyAdminsTouchAdmins(ctx, input.role);
    return toView(await createOperator(ctx, input, requireOperator(ctx).id));
  },

  'operators.setRole': (ctx, input) => {
    const target = loadTarget(ctx, input.id);
    onlyAdminsTouchAdmins(ctx, input.role, target.role);
    if (target.id === requireOperator(ctx).id) {
      throw new AppError('conflict', 'You cannot change your own role. Ask another admin or manager.');
    }
    const view = updateOperator(
      ctx,
      target,
      { role: input.role },
      'role_changed',
      lastAdminGuard(ctx, target),
    );
    if (view.role !== target.role) endSessions(ctx, target.id, 'Your role was changed. Sign in again.');
    return view;
  },

  'operators.setActive': (ctx, input) => {
    const target = loadTarget(ctx, input.id);
    onlyAdminsTouchAdmins(ctx, target.role);
    if (!input.active && target.id === requireOperator(ctx).id) {
      throw new AppError('conflict', 'You cannot deactivate yourself.');
    }
    const view = updateOperator(
      ctx,
      target,
      { is_active: input.active },
      input.active ? 'reactivated' : 'deactivated',
      input.active ? () => {} : lastAdminGuard(ctx, target),
    );
    if (!input.active) endSessions(ctx, target.id, 'Your account was deactivated.');
    return view;
  },
};
