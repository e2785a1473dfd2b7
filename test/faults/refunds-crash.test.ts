// A refund approval under SIGKILL: the console dies after marking the refund sent, after Stripe applied it but before
// the local commit, or inside that commit; restarted, it ends with exactly one refund in Stripe, linked to its
// request, counted once in the learner's credits, and the ledger's invariants hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/main/simulator/index';
import {
  connectAndSync,
  contractCaller,
  ledgerProblems,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
} from '../integration/sync/harness';
import { runScript } from './child-process';

const CHILD = fileURLToPath(new URL('./refunds-child.ts', import.meta.url));
const KILL_POINTS = ['sent', 'answered', 'committing'] as const;

let sim: RunningSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSmallSimulator(64);
  sim.control.setPayoutSchedule('manual');
  sim.control.advance(7 * 86_400);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A synced workspace with its operators and one refund request awaiting approval, closed again. */
async function workspaceWithRequest(skip: number) {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-refund-crash-'));
  dirs.push(dir);
  const c = await openSyncCore(sim.port, { dir, background: false });
  await connectAndSync(c.core);
  await signedInOperators(c.core, [
    { username: 'sup', name: 'Sue Port', role: 'support' },
    { username: 'fin', name: 'Fin Ance', role: 'finance' },
  ]);
  const paymentId = c.core.services.sqlite
    .prepare(
      `SELECT id FROM payments WHERE status = 'succeeded' AND hours >= 5 AND amount_refunded_pence = 0
       ORDER BY created_at, id LIMIT 1 OFFSET ?`,
    )
    .pluck()
    .get(skip) as string;
  const { requestId } = await contractCaller(c.core)('sup', 'refunds.request', {
    paymentId,
    hours: 2,
    reason: 'requested_by_customer',
    note: 'Moving abroad',
  });
  c.close();
  return { dir, requestId };
}

describe('a refund approval under SIGKILL', () => {
  it('ends with one refund in Stripe per request, linked and counted once, whatever step the console dies at', async () => {
    const problems: string[] = [];
    for (const [i, killAt] of KILL_POINTS.entries()) {
      const { dir, requestId } = await workspaceWithRequest(i);
      const run = (kill: typeof killAt | null) =>
        runScript<{ state: string }>(CHILD, {
          LPLATE_REFUND_ARGS: JSON.stringify({ dir, port: sim.port, requestId, killAt: kill }),
        });
      const killed = await run(killAt);
      if (killed.signal !== 'SIGKILL') problems.push(`${killAt}: not killed: ${killed.stderr}`);
      const resumed = await run(null);
      if (resumed.out?.state !== 'done')
        problems.push(`${killAt}: resumed ${JSON.stringify(resumed.out)} ${resumed.stderr}`);
      const made = sim.state.refunds.items.filter((r) => r.metadata.lplate_refund_request_id === requestId);
      if (made.length !== 1) problems.push(`${killAt}: ${made.length} refunds in Stripe`);
      const c = await openSyncCore(sim.port, { dir, background: false });
      await runJob(c.core, 'sync');
      const { sqlite } = c.core.services;
      const write = sqlite
        .prepare('SELECT state, stripe_object_id FROM stripe_requests WHERE intent_id = ?')
        .get(requestId) as { state: string; stripe_object_id: string };
      if (write.state !== 'succeeded' || write.stripe_object_id !== made[0]?.id)
        problems.push(`${killAt}: write ${write.state}, linked to ${write.stripe_object_id}`);
      const rows = sqlite
        .prepare('SELECT hours, status FROM refunds WHERE stripe_refund_id = ?')
        .all(made[0]?.id ?? '') as { hours: number; status: string }[];
      if (JSON.stringify(rows) !== JSON.stringify([{ hours: 2, status: 'succeeded' }]))
        problems.push(`${killAt}: refunds rows ${JSON.stringify(rows)}`);
      const ledger = ledgerProblems(sqlite);
      if (ledger.length) problems.push(`${killAt}: ${JSON.stringify(ledger)}`);
      c.close();
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
