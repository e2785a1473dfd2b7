// The workspace each refunds test file works in: a small simulated marketplace synced into a console, operators of
// every role (two in finance, to approve each other's requests), and the reads the files share.
import { ledgerProblems } from '../sync/harness';
import { syncedWorkspace } from '../sync/workspace';

export const OPERATORS = [
  { username: 'sup', name: 'Sue Port', role: 'support' },
  { username: 'sup2', name: 'Sid Port', role: 'support' },
  { username: 'fin', name: 'Fin Ance', role: 'finance' },
  { username: 'fin2', name: 'Fay Nance', role: 'finance' },
  { username: 'man', name: 'Mandy Ager', role: 'manager' },
] as const;

export function refundsWorkspace(seed: number, options: { dir?: string } = {}) {
  const w = syncedWorkspace({
    seed,
    operators: [...OPERATORS],
    core: options,
    before: (sim) => {
      // Charges' funds are available: refunds succeed at once unless a test plants otherwise.
      sim.control.setPayoutSchedule('manual');
      sim.control.advance(7 * 86_400);
    },
  });
  const sqlite = () => w.c.core.services.sqlite;
  return Object.assign(w, {
    problems: () => ledgerProblems(sqlite(), w.sim),
    /** Paid payments with every hour unused: credit packs (5 h or more), or one-hour lessons of £50.00 or less. */
    payments(kind: 'pack' | 'small'): string[] {
      return sqlite()
        .prepare(
          `SELECT p.id FROM payments p WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0
             AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.payment_id = p.id)
             AND (CASE WHEN ? = 'pack' THEN p.hours >= 5 ELSE p.hours = 1 AND p.total_amount_pence <= 5000 END)
           ORDER BY p.created_at DESC, p.id`,
        )
        .pluck()
        .all(kind) as string[];
    },
    /** A payment's PaymentIntent id. */
    pi: (paymentId: string) =>
      sqlite()
        .prepare('SELECT stripe_payment_intent_id FROM payments WHERE id = ?')
        .pluck()
        .get(paymentId) as string,
    /** A refund request's row in the list, as `who` sees it. */
    row: async (requestId: string, who = 'fin') =>
      (await w.call(who, 'refunds.list', { q: requestId })).rows.find((r) => r.id === requestId)!,
    credits: (paymentId: string) =>
      sqlite()
        .prepare(
          `SELECT c.hours_refunded AS refunded, c.liability_pence AS liability FROM learner_credits c
           JOIN payments p ON p.learner_id = c.learner_id AND p.instructor_id = c.instructor_id WHERE p.id = ?`,
        )
        .get(paymentId) as { refunded: number; liability: number },
  });
}
