// Contract handlers for first run, sign-in, sign-out and password changes.
import type { Handlers, HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, fieldError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { createOperator } from '../operators/create';
import { countOperators, findOperatorById, findOperatorByUsername, toView } from '../operators/queries';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../operators/passwords';
import { retryInMs, UnknownNameFailures } from './throttle';

const WRONG_CREDENTIALS = 'Wrong username or password.';
const unknownNames = new UnknownNameFailures();

function tooManyTries(waitMs: number): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  return new AppError('rate_limited', `Too many failed sign-ins. Try again in ${seconds} s.`, {
    retryInSeconds: seconds,
  });
}

/**
 * Counts a try before its password is checked, in one transaction, so tries that arrive together cannot all pass
 * the throttle on a stale count: returns the wait still due (nothing counted) or 0 with the try counted.
 */
function claimTry(ctx: HandlerContext, operatorId: string, now: number): { wait: number; failures: number } {
  return ctx.sqlite
    .transaction(() => {
      const row = ctx.sqlite
        .prepare('SELECT failed_attempts, last_failed_at FROM operators WHERE user_id = ?')
        .get(operatorId) as { failed_attempts: number; last_failed_at: number | null };
      const wait = retryInMs(row.failed_attempts, row.last_failed_at, now);
      if (wait > 0) return { wait, failures: row.failed_attempts };
      ctx.sqlite
        .prepare('UPDATE operators SET failed_attempts = ?, last_failed_at = ? WHERE user_id = ?')
        .run(row.failed_attempts + 1, now, operatorId);
      return { wait: 0, failures: row.failed_attempts + 1 };
    })
    .immediate();
}

function recordFailure(ctx: HandlerContext, operatorId: string, failures: number, now: number): void {
  ctx.sqlite.transaction(() => {
    appendAudit(ctx.sqlite, {
      entityType: 'operator',
      entityId: operatorId,
      action: 'sign_in_failed',
      newValues: { failed_attempts: failures },
      userId: null,
      actor: 'system',
      createdAt: now,
    });
  })();
}

export const authHandlers: Handlers<
  'auth.status' | 'auth.createFirstAdmin' | 'auth.signIn' | 'auth.signOut' | 'auth.changePassword'
> = {
  'auth.status': (ctx) => {
    const operator = ctx.operator ? findOperatorById(ctx.sqlite, ctx.operator.id) : null;
    return {
      needsFirstAdmin: countOperators(ctx.sqlite) === 0,
      operator: operator ? toView(operator) : null,
      workspace: { name: ctx.workspace.name, mode: ctx.workspace.mode },
      idleLockMinutes: Math.round(ctx.sessions.idleLockMs / 60_000),
      demoCredentials: ctx.workspace.demoCredentials,
    };
  },

  'auth.createFirstAdmin': async (ctx, input) => {
    const created = await createOperator(ctx, { ...input, role: 'admin' }, null, () => {
      if (countOperators(ctx.sqlite) > 0) {
        throw new AppError('conflict', 'This console already has its first admin. Sign in instead.');
      }
    });
    ctx.sessions.signIn(ctx.connectionId, created.id, ctx.from);
    return toView(created);
  },

  'auth.signIn': async (ctx, input) => {
    const now = ctx.clock.now();
    const operator = findOperatorByUsername(ctx.sqlite, input.username);
    if (!operator) {
      const seen = unknownNames.get(input.username);
      const wait = retryInMs(seen.count, seen.last, now);
      if (wait > 0) throw tooManyTries(wait);
      unknownNames.record(input.username, now);
      await verifyPassword(input.password, await decoyHash(ctx.passwordCost));
      throw new AppError('unauthenticated', WRONG_CREDENTIALS);
    }
    const claimed = claimTry(ctx, operator.id, now);
    if (claimed.wait > 0) throw tooManyTries(claimed.wait);
    const matches = await verifyPassword(input.password, {
      hash: operator.passwordHash,
      salt: operator.passwordSalt,
    });
    if (!matches || !operator.isActive) {
      recordFailure(ctx, operator.id, claimed.failures, now);
      throw new AppError('unauthenticated', WRONG_CREDENTIALS);
    }
    // A hash made at an older, lower cost is replaced now, while the password is at hand.
    const stored = { hash: operator.passwordHash, salt: operator.passwordSalt };
    const upgraded = needsRehash(stored, ctx.passwordCost)
      ? await hashPassword(input.password, ctx.passwordCost)
      : stored;
    ctx.sqlite.transaction(() => {
      ctx.sqlite
        .prepare(
          `UPDATE operators SET failed_attempts = 0, last_failed_at = NULL, last_sign_in_at = ?,
           password_hash = ?, password_salt = ? WHERE user_id = ?`,
        )
        .run(now, upgraded.hash, upgraded.salt, operator.id);
      appendAudit(ctx.sqlite, {
        entityType: 'operator',
        entityId: operator.id,
        action: 'sign_in',
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
    })();
    ctx.sessions.signIn(ctx.connectionId, operator.id, ctx.from);
    return toView(findOperatorById(ctx.sqlite, operator.id)!);
  },

  'auth.signOut': (ctx) => {
    const operator = requireOperator(ctx);
    ctx.sqlite.transaction(() => {
      appendAudit(ctx.sqlite, {
        entityType: 'operator',
        entityId: operator.id,
        action: 'sign_out',
        userId: operator.id,
        actor: 'operator',
        createdAt: ctx.clock.now(),
      });
    })();
    ctx.sessions.signOut(ctx.connectionId);
    return null;
  },

  'auth.changePassword': async (ctx, input) => {
    const operator = findOperatorById(ctx.sqlite, requireOperator(ctx).id)!;
    const matches = await verifyPassword(input.currentPassword, {
      hash: operator.passwordHash,
      salt: operator.passwordSalt,
    });
    if (!matches) throw fieldError('currentPassword', 'That is not your current password.');
    const { hash, salt } = await hashPassword(input.newPassword, ctx.passwordCost);
    const now = ctx.clock.now();
    ctx.sqlite.transaction(() => {
      ctx.sqlite
        .prepare(
          'UPDATE operators SET password_hash = ?, password_salt = ?, updated_at = ? WHERE user_id = ?',
        )
        .run(hash, salt, now, operator.id);
      appendAudit(ctx.sqlite, {
        entityType: 'operator',
        entityId: operator.id,
        action: 'password_changed',
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
    })();
    // Whoever knew the old password may be signed in elsewhere: only this connection stays signed in.
    for (const connectionId of ctx.sessions.endAllFor(operator.id, ctx.connectionId)) {
      ctx.push.publish(
        'session',
        { state: 'signedOut', reason: 'Your password was changed. Sign in with the new one.' },
        connectionId,
      );
    }
    return null;
  },
};
