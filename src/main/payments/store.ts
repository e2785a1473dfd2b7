// Writes payments rows through drizzle in one transaction per batch (used by sync's projector and the bench).
import { payments } from '../db/schema';
import type { Db } from '../db/open';

export type PaymentRow = typeof payments.$inferInsert;

/** Inserts a batch atomically; a row that breaks a constraint rolls the whole batch back. */
export function insertPayments(db: Db, rows: PaymentRow[], chunkSize = 500): void {
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += chunkSize) {
      tx.insert(payments)
        .values(rows.slice(i, i + chunkSize))
        .run();
    }
  });
}
