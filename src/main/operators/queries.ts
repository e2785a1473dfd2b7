// Reading operators (joined with their users row) for sign-in, the Operators page and role checks.
import type { OperatorView } from '../../shared/contract/auth';
import type { Role } from '../../shared/contract/define';
import type { Sqlite } from '../db/open';

export interface OperatorRecord extends OperatorView {
  passwordHash: string;
  passwordSalt: string;
  failedAttempts: number;
  lastFailedAt: number | null;
}

const SELECT = `SELECT o.user_id AS id, o.username, u.name, u.email, o.role, o.is_active AS isActive,
  o.last_sign_in_at AS lastSignInAt, o.created_at AS createdAt, o.password_hash AS passwordHash,
  o.password_salt AS passwordSalt, o.failed_attempts AS failedAttempts, o.last_failed_at AS lastFailedAt
  FROM operators o JOIN users u ON u.id = o.user_id`;

function fromRow(row: Record<string, unknown> | undefined): OperatorRecord | null {
  if (!row) return null;
  return { ...(row as unknown as OperatorRecord), isActive: row.isActive === 1, role: row.role as Role };
}

export function findOperatorById(sqlite: Sqlite, id: string): OperatorRecord | null {
  return fromRow(
    sqlite.prepare(`${SELECT} WHERE o.user_id = ?`).get(id) as Record<string, unknown> | undefined,
  );
}

export function findOperatorByUsername(sqlite: Sqlite, username: string): OperatorRecord | null {
  return fromRow(
    sqlite.prepare(`${SELECT} WHERE o.username = ?`).get(username) as Record<string, unknown> | undefined,
  );
}

export function toView(record: OperatorRecord): OperatorView {
  const { id, username, name, email, role, isActive, lastSignInAt, createdAt } = record;
  return { id, username, name, email, role, isActive, lastSignInAt, createdAt };
}

export function countOperators(sqlite: Sqlite): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function countActiveAdmins(sqlite: Sqlite): number {
  return (
    sqlite.prepare("SELECT count(*) AS n FROM operators WHERE role = 'admin' AND is_active = 1").get() as {
      n: number;
    }
  ).n;
}

const SORT_SQL = {
  username: 'o.username',
  name: 'u.name COLLATE NOCASE',
  role: 'o.role',
  created_at: 'o.created_at',
  last_sign_in_at: 'o.last_sign_in_at',
} as const;

export function listOperators(
  sqlite: Sqlite,
  input: {
    page: number;
    pageSize: number;
    sort: { column: keyof typeof SORT_SQL; direction: 'asc' | 'desc' };
    includeInactive: boolean;
  },
) {
  const where = input.includeInactive ? '' : 'WHERE o.is_active = 1';
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM operators o ${where}`).get() as { n: number }).n;
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = sqlite
    .prepare(
      `${SELECT} ${where} ORDER BY ${SORT_SQL[input.sort.column]} ${direction}, o.user_id ASC LIMIT ? OFFSET ?`,
    )
    .all(input.pageSize, (input.page - 1) * input.pageSize) as Record<string, unknown>[];
  return {
    rows: rows.map((r) => toView(fromRow(r)!)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
