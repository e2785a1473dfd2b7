// The checks a code must pass before the console records it, each pinned to its field with what is wrong: its text
// is new (case-insensitively, also against codes only Stripe has), its expiry is not past, its referrer exists.
import type { AuditAction } from '../../shared/names';
import { randomInt } from 'node:crypto';
import { GENERATED_LENGTH, READABLE_ALPHABET } from '../../shared/codes';
import { formatDay } from '../../shared/dates';
import { AppError, fieldError } from '../api/errors';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { appendAudit } from '../audit/chain';
import { codeRowId } from './code-text';
import { textExistsInStripe } from './mirror';
import { insertDefinition, type CodeDefinition } from './definitions';

/** Where a code text is already taken, or null. */
export function takenBy(sqlite: Sqlite, code: string): string | null {
  if (statement(sqlite, 'SELECT 1 FROM code_definitions WHERE code = ?').get(code)) return 'the console';
  const id = codeRowId(code);
  if (
    statement(
      sqlite,
      'SELECT 1 FROM discount_codes WHERE id = ? UNION ALL SELECT 1 FROM referral_codes WHERE id = ?',
    ).get(id, id) ||
    textExistsInStripe(sqlite, code)
  )
    return 'Stripe';
  return null;
}

export function requireNewCode(sqlite: Sqlite, code: string): void {
  const where = takenBy(sqlite, code);
  if (where)
    throw fieldError(
      'code',
      `${code} already exists${where === 'Stripe' ? ' in Stripe' : ''} (codes are unique whatever their case). Choose another.`,
      'conflict',
    );
}

export function requireFutureExpiry(expiresOn: string | null, today: string): void {
  if (expiresOn !== null && expiresOn < today)
    throw fieldError(
      'expiresOn',
      `${formatDay(expiresOn)} is in the past (today is ${formatDay(today)}); a code works until the end of its expiry date.`,
    );
}

export function requireReferrer(
  sqlite: Sqlite,
  kind: 'discount' | 'referral',
  referrerId: string | undefined,
): void {
  if (kind === 'discount') {
    if (referrerId)
      throw fieldError('referrerId', 'a discount code has no referrer; make it a referral code.');
    return;
  }
  if (!referrerId) throw fieldError('referrerId', 'a referral code names its referrer: choose a person.');
  if (!statement(sqlite, 'SELECT 1 FROM users WHERE id = ?').get(referrerId))
    throw fieldError('referrerId', 'That person is not known to the console: choose them again.');
}

/** Inserts a definition; another desk committing the same text first gets the same clear error, not a crash. */
export function insertNewDefinition(sqlite: Sqlite, d: CodeDefinition): void {
  requireNewCode(sqlite, d.code);
  try {
    insertDefinition(sqlite, d);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw fieldError('code', `${d.code} was just created by someone else. Choose another.`, 'conflict');
    throw error;
  }
}

/** A readable random code with a prefix (`WINTER-7KQ3MX`) not taken anywhere yet. */
export function generateCode(sqlite: Sqlite, prefix: string, taken: Set<string>): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    let tail = '';
    for (let i = 0; i < GENERATED_LENGTH; i++) tail += READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)];
    const code = prefix ? `${prefix.replace(/-+$/, '')}-${tail}` : tail;
    if (!taken.has(code) && !takenBy(sqlite, code)) {
      taken.add(code);
      return code;
    }
  }
  throw new AppError(
    'conflict',
    `Could not find unused codes with the prefix ${prefix}: choose another prefix.`,
  );
}

export function auditCode(
  sqlite: Sqlite,
  d: Pick<CodeDefinition, 'id' | 'kind'>,
  action: AuditAction,
  values: { old: Record<string, unknown> | null; new: Record<string, unknown> | null },
  userId: string,
  now: number,
): void {
  appendAudit(sqlite, {
    entityType: d.kind === 'discount' ? 'discount_code' : 'referral_code',
    entityId: d.id,
    action,
    oldValues: values.old,
    newValues: values.new,
    userId,
    actor: 'operator',
    createdAt: now,
  });
}
