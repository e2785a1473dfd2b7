// The payout policy in force (minimum, schedule, auto-execution): the newest row of payout_policies, else defaults.
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, type PayoutPolicy } from '../../shared/contract/payouts';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';

export function currentPolicy(sqlite: Sqlite): PayoutPolicy {
  const row = sqlite
    .prepare(
      `SELECT p.minimum_pence AS minimumPence, p.schedule_weekday AS scheduleWeekday, p.schedule_time AS scheduleTime,
         p.auto_prepare AS autoPrepare, p.auto_execute_limit_pence AS autoExecuteLimitPence, u.name AS setBy,
         p.created_at AS setAt
       FROM payout_policies p LEFT JOIN users u ON u.id = p.created_by ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1`,
    )
    .get() as (Omit<PayoutPolicy, 'autoPrepare'> & { autoPrepare: number }) | undefined;
  return row ? { ...row, autoPrepare: row.autoPrepare === 1 } : DEFAULT_POLICY;
}

export function setPolicy(
  sqlite: Sqlite,
  input: Omit<PayoutPolicy, 'setBy' | 'setAt'>,
  by: string,
  now: number,
): PayoutPolicy {
  return sqlite
    .transaction(() => {
      const old = currentPolicy(sqlite);
      const id = randomUUID();
      sqlite
        .prepare(
          `INSERT INTO payout_policies (id, minimum_pence, schedule_weekday, schedule_time, auto_prepare,
             auto_execute_limit_pence, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.minimumPence,
          input.scheduleWeekday,
          input.scheduleTime,
          input.autoPrepare ? 1 : 0,
          input.autoExecuteLimitPence,
          by,
          now,
        );
      const values = (p: PayoutPolicy | typeof input) => ({
        minimum_pence: p.minimumPence,
        schedule_weekday: p.scheduleWeekday,
        schedule_time: p.scheduleTime,
        auto_prepare: p.autoPrepare,
        auto_execute_limit_pence: p.autoExecuteLimitPence,
      });
      appendAudit(sqlite, {
        entityType: 'payout_policy',
        entityId: id,
        action: 'set',
        oldValues: values(old),
        newValues: values(input),
        userId: by,
        actor: 'operator',
        createdAt: now,
      });
      return currentPolicy(sqlite);
    })
    .immediate();
}
