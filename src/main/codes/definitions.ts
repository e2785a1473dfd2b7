// Code definitions, the console's records of its codes: read them, and write one with its audit row.
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';

export interface CodeDefinition {
  id: string;
  kind: 'discount' | 'referral';
  code: string;
  percentage: number;
  maxUses: number | null;
  expiresOn: string | null;
  isActive: boolean;
  referrerId: string | null;
  batchId: string | null;
  origin: 'console' | 'stripe';
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = `id, kind, code, discount_percentage AS percentage, max_uses AS maxUses, expires_on AS expiresOn,
  is_active AS isActive, referrer_id AS referrerId, batch_id AS batchId, origin, created_by AS createdBy,
  created_at AS createdAt, updated_at AS updatedAt`;

const parse = (row: Record<string, unknown> | undefined): CodeDefinition | null =>
  row ? ({ ...row, isActive: row.isActive === 1 } as unknown as CodeDefinition) : null;

export function definitionById(sqlite: Sqlite, id: string): CodeDefinition | null {
  return parse(
    statement(sqlite, `SELECT ${COLUMNS} FROM code_definitions WHERE id = ?`).get(id) as Record<
      string,
      unknown
    >,
  );
}

export function definitionByCode(sqlite: Sqlite, code: string): CodeDefinition | null {
  return parse(
    statement(sqlite, `SELECT ${COLUMNS} FROM code_definitions WHERE code = ?`).get(code) as Record<
      string,
      unknown
    >,
  );
}

export function definitionsOfBatch(sqlite: Sqlite, batchId: string): CodeDefinition[] {
  return (
    sqlite
      .prepare(`SELECT ${COLUMNS} FROM code_definitions WHERE batch_id = ? ORDER BY code`)
      .all(batchId) as Record<string, unknown>[]
  ).map((r) => parse(r)!);
}

export function insertDefinition(sqlite: Sqlite, d: CodeDefinition): void {
  sqlite
    .prepare(
      `INSERT INTO code_definitions (id, kind, code, discount_percentage, max_uses, expires_on, is_active, referrer_id,
         batch_id, origin, created_by, created_at, updated_at)
       VALUES (@id, @kind, @code, @percentage, @maxUses, @expiresOn, @isActive, @referrerId, @batchId, @origin,
         @createdBy, @createdAt, @updatedAt)`,
    )
    .run({ ...d, isActive: d.isActive ? 1 : 0 });
}

/** What an operator may change about a code. */
export type DefinitionChange = Partial<Pick<CodeDefinition, 'maxUses' | 'expiresOn' | 'isActive'>>;

export function updateDefinition(sqlite: Sqlite, id: string, change: DefinitionChange, now: number): void {
  const columns = { maxUses: 'max_uses', expiresOn: 'expires_on', isActive: 'is_active' } as const;
  const values: Record<string, unknown> = { id, now };
  const sets: string[] = [];
  for (const [field, column] of Object.entries(columns) as [keyof DefinitionChange, string][]) {
    const value = change[field];
    if (value === undefined) continue;
    sets.push(`${column} = @${field}`);
    values[field] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  if (sets.length === 0) return;
  sqlite
    .prepare(`UPDATE code_definitions SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`)
    .run(values);
}
