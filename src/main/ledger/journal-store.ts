// Rewrites the journal transactions one projection root owns, so the journal is always a function of the objects.
import type { JournalKind } from '../../shared/names';
import type { ProjectionContext } from '../projection/context';
import { countInDailyTotals } from './daily-totals';
import { assertBalanced, type Line } from './postings';

export interface JournalTx {
  id: string;
  /** What moved the money; a new kind fails to compile until it is named in src/shared/names.ts. */
  kind: JournalKind;
  source_type: string;
  source_id: string;
  occurred_at: number;
  description: string;
  payment_id: string | null;
  instructor_id: string | null;
  learner_id: string | null;
  lines: Line[];
}

const TX_COLUMNS = [
  'id',
  'kind',
  'source_type',
  'source_id',
  'occurred_at',
  'description',
  'payment_id',
  'instructor_id',
  'learner_id',
  'origin',
] as const;

/** A transaction joined with one of its lines (null for a transaction without lines). */
type StoredLine = Omit<JournalTx, 'lines'> & { account: string | null; amount_pence: number | null };

const fingerprint = (t: Omit<JournalTx, 'lines'>, lines: readonly Line[]) =>
  JSON.stringify([
    t.kind,
    t.source_type,
    t.source_id,
    t.occurred_at,
    t.description,
    t.payment_id,
    t.instructor_id,
    t.learner_id,
    lines.filter((l) => l.amount !== 0).map((l) => [l.account, l.amount]),
  ]);

/**
 * Makes the journal transactions of `origin` exactly `desired`: unchanged ones are left alone, changed ones
 * rewritten, vanished ones deleted. A transaction that would not balance is not written: it is a bug, recorded
 * as a projection error against its source object.
 */
export function writeJournal(ctx: ProjectionContext, origin: string, desired: readonly JournalTx[]): void {
  const rows = ctx
    .stmt(
      `SELECT t.id, t.kind, t.source_type, t.source_id, t.occurred_at, t.description, t.payment_id, t.instructor_id,
              t.learner_id, l.account, l.amount_pence
       FROM journal_transactions t LEFT JOIN journal_lines l ON l.transaction_id = t.id
       WHERE t.origin = ? ORDER BY t.id, l.line_no`,
    )
    .all(origin) as StoredLine[];
  const existing = new Map<string, { tx: StoredLine; lines: Line[] }>();
  for (const r of rows) {
    let e = existing.get(r.id);
    if (!e) existing.set(r.id, (e = { tx: r, lines: [] }));
    if (r.account !== null) e.lines.push({ account: r.account, amount: r.amount_pence! });
  }
  const deleteTx = ctx.stmt('DELETE FROM journal_transactions WHERE id = ?');
  const del = (id: string) => {
    const e = existing.get(id)!;
    deleteTx.run(id);
    countInDailyTotals(ctx, e.tx, e.lines, -1);
  };
  const seen = new Set<string>();
  for (const tx of desired) {
    try {
      assertBalanced(tx.id, tx.lines);
    } catch (err) {
      ctx.error(
        tx.source_id,
        'unbalanced_transaction',
        (err as Error).message,
        'A projection bug: the transaction was not written. Report the object id.',
      );
      continue;
    }
    seen.add(tx.id);
    const before = existing.get(tx.id);
    const lines = tx.lines.filter((l) => l.amount !== 0);
    if (before && fingerprint(before.tx, before.lines) === fingerprint(tx, lines)) continue;
    if (before) del(tx.id);
    ctx
      .stmt(
        `INSERT INTO journal_transactions (${TX_COLUMNS.join(', ')}) VALUES (${TX_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      )
      .run({
        id: tx.id,
        kind: tx.kind,
        source_type: tx.source_type,
        source_id: tx.source_id,
        occurred_at: tx.occurred_at,
        description: tx.description,
        payment_id: tx.payment_id,
        instructor_id: tx.instructor_id,
        learner_id: tx.learner_id,
        origin,
      });
    const insertLine = ctx.stmt(
      'INSERT INTO journal_lines (transaction_id, line_no, account, amount_pence) VALUES (?, ?, ?, ?)',
    );
    lines.forEach((l, i) => insertLine.run(tx.id, i + 1, l.account, l.amount));
    countInDailyTotals(ctx, tx, lines, 1);
  }
  for (const id of existing.keys()) if (!seen.has(id)) del(id);
}
