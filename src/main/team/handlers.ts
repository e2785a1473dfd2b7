// Contract handlers for the team workspace: an admin sees every signed-in session and ends one; the server's health.
import { APP_VERSION } from '../../shared/version';
import type { SessionView } from '../../shared/contract/team';
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { findOperatorById } from '../operators/queries';
import { readLease } from '../db/writer-lease';

export const teamHandlers: Handlers<'sessions.list' | 'sessions.end' | 'server.health'> = {
  'sessions.list': (ctx) => {
    const rows: SessionView[] = [];
    for (const s of ctx.sessions.list()) {
      const operator = findOperatorById(ctx.sqlite, s.operatorId);
      if (!operator) continue;
      const { id, username, name, role } = operator;
      rows.push({
        ref: s.ref,
        operator: { id, username, name, role },
        from: s.from,
        startedAt: s.startedAt,
        lastActiveAt: s.lastActive,
        current: s.connection === ctx.connectionId,
      });
    }
    return rows;
  },

  'sessions.end': (ctx, input) => {
    const admin = requireOperator(ctx);
    const session = ctx.sessions.byRef(input.ref);
    if (!session) throw new AppError('not_found', 'That session has already ended.');
    if (session.connection === ctx.connectionId)
      throw new AppError('conflict', 'That is your own session: sign out instead.');
    ctx.sqlite.transaction(() => {
      appendAudit(ctx.sqlite, {
        entityType: 'operator',
        entityId: session.operatorId,
        action: 'session_ended',
        oldValues: { from: session.from, started_at: session.startedAt },
        userId: admin.id,
        actor: 'operator',
        createdAt: ctx.clock.now(),
      });
    })();
    ctx.sessions.signOut(session.connection, `Ended by ${admin.name} (admin).`);
    ctx.push.publish(
      'session',
      { state: 'signedOut', reason: `${admin.name} (admin) ended your session.` },
      session.connection,
    );
    return null;
  },

  'server.health': (ctx) => {
    const migrations = ctx.sqlite
      .prepare('SELECT tag FROM schema_migrations ORDER BY tag')
      .pluck()
      .all() as string[];
    const lease = readLease(ctx.sqlite);
    return {
      version: APP_VERSION,
      schema: { latest: migrations.at(-1) ?? '', migrations: migrations.length },
      mode: ctx.server.mode,
      fingerprint: ctx.server.fingerprint,
      startedAt: ctx.server.startedAt,
      sessions: ctx.sessions.list().length,
      writer: { pid: lease?.pid ?? 0, host: lease?.host ?? '', held: ctx.writer.held },
    };
  },
};
