// Creating an operator (the first admin, or one added by a manager/admin): users row + operators row + audit, in one transaction.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/contract/define';
import type { CoreServices } from '../api/context';
import { fieldError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { hashPassword } from './passwords';
import { findOperatorById, findOperatorByUsername, type OperatorRecord } from './queries';

export interface NewOperator {
  username: string;
  name: string;
  email: string;
  role: Role;
  password: string;
}

/** `guard` runs inside the transaction, before the insert (e.g. "no operator exists yet"). */
export async function createOperator(
  services: CoreServices,
  input: NewOperator,
  createdBy: string | null,
  guard: () => void = () => {},
): Promise<OperatorRecord> {
  const { hash, salt } = await hashPassword(input.password, services.passwordCost);
  const { sqlite, clock } = services;
  const id = randomUUID();
  const now = clock.now();
  sqlite
    .transaction(() => {
      guard();
      if (findOperatorByUsername(sqlite, input.username)) {
        throw fieldError('username', `"${input.username}" is already taken`, 'conflict');
      }
      sqlite
        .prepare('INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, input.email, input.name, now, now);
      sqlite
        .prepare(
          `INSERT INTO operators (user_id, username, role, password_hash, password_salt, is_active, failed_attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 1, 0, ?, ?)`,
        )
        .run(id, input.username, input.role, hash, salt, now, now);
      appendAudit(sqlite, {
        entityType: 'operator',
        entityId: id,
        action: 'create',
        newValues: {
          username: input.username,
          name: input.name,
          email: input.email,
          role: input.role,
          is_active: true,
        },
        userId: createdBy ?? id,
        actor: 'operator',
        createdAt: now,
      });
    })
    .immediate();
  return findOperatorById(sqlite, id)!;
}
