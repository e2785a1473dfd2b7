// A sha256 over the tables the registry hashes (projection, journal, stored Stripe objects), in a stable order: equal
// hashes mean byte-identical ledgers. Receipt timestamps, the audit log and operators' own rows are left out.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { LedgerHash } from '../../shared/contract/ledger';
import type { Projection } from './registry';

export type { LedgerHash };

export function ledgerHash(projection: Projection, sqlite: Sqlite): LedgerHash {
  const hash = createHash('sha256');
  const tables: LedgerHash['tables'] = [];
  for (const { name, hash: sql } of projection.tables) {
    if (!sql) continue;
    hash.update(`#${name}\n`);
    let rows = 0;
    for (const row of sqlite.prepare(sql).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows += 1;
    }
    tables.push({ name, rows });
  }
  return { hash: hash.digest('hex'), tables };
}
