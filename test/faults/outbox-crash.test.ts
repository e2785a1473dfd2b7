// The outbox under SIGKILL: a console killed at every step of its Stripe writes — after marking one sent, after
// Stripe applied it but before the local commit, inside the commit — and restarted, ends with exactly one Stripe
// transfer per intent, each linked to its request, and nothing lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/main/simulator/index';
import { startSmallSimulator } from '../integration/sync/harness';
import { runScript, type ChildRun } from './child-process';

const CHILD = fileURLToPath(new URL('./outbox-child.ts', import.meta.url));
/** Three steps per write (sent, answered, committing), eight writes: 24 places to die. */
const WRITES = 8;
const SEEDS = Array.from({ length: 24 }, (_, i) => 301 + i);

type Run = ChildRun<{ state: string; steps: number; message: string }>;

const runChild = (dir: string, destinations: string[], killAt: number | null): Promise<Run> =>
  runScript(CHILD, { LPLATE_OUTBOX_ARGS: JSON.stringify({ dir, port: sim.port, destinations, killAt }) });

interface RequestRow {
  id: string;
  state: string;
  stripe_object_id: string | null;
  attempts: number;
}

/** The workspace's transfer requests, and the simulator's transfers made for them (by their metadata). */
function outcome(dir: string) {
  const db = new Database(join(dir, 'lplate.sqlite'), { readonly: true });
  try {
    const requests = db
      .prepare(
        "SELECT id, state, stripe_object_id, attempts FROM stripe_requests WHERE kind = 'transfer.create'",
      )
      .all() as RequestRow[];
    const linked = db
      .prepare(
        "SELECT count(*) FROM stripe_objects WHERE object_type = 'transfer' AND id IN (SELECT stripe_object_id FROM stripe_requests)",
      )
      .pluck()
      .get() as number;
    const made = new Map<string, string[]>();
    for (const t of sim.state.transfers.items) {
      const requestId = t.metadata.lplate_request_id;
      if (requestId) made.set(requestId, [...(made.get(requestId) ?? []), t.id]);
    }
    return { requests, linked, transfersOf: (id: string) => made.get(id) ?? [] };
  } finally {
    db.close();
  }
}

let sim: RunningSimulator;
let destinations: string[];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSmallSimulator(7);
  // Funds for every transfer of every seed: no automatic payout sweeps the balance while the last charges settle.
  sim.control.setPayoutSchedule('manual');
  sim.control.advance(7 * 86_400);
  const payable = sim.state.accounts.items.filter((a) => a.transfersActive).map((a) => a.id);
  destinations = Array.from({ length: WRITES }, (_, i) => payable[i % payable.length]!);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the outbox under SIGKILL', () => {
  it('makes exactly one Stripe transfer per intent, linked to its request, whatever step the console dies at', async () => {
    const lanes = await Promise.all(
      [0, 1].map(async (lane) => {
        const seen: { seed: number; killAt: number; problems: string[] }[] = [];
        for (const seed of SEEDS.filter((_, i) => i % 2 === lane)) {
          // Every step of every write is a kill point once: seed 301 dies at the first, 324 at the last.
          const killAt = seed - SEEDS[0]! + 1;
          const dir = mkdtempSync(join(tmpdir(), 'lplate-outbox-crash-'));
          dirs.push(dir);
          const killed = await runChild(dir, destinations, killAt);
          const problems: string[] = [];
          if (killed.signal !== 'SIGKILL') problems.push(`not killed: ${killed.stderr}`);
          const resumed = await runChild(dir, destinations, null);
          if (resumed.out?.state !== 'done')
            problems.push(`resumed run: ${JSON.stringify(resumed.out)} ${resumed.stderr}`);
          const { requests, linked, transfersOf } = outcome(dir);
          if (requests.length !== WRITES) problems.push(`${requests.length} requests`);
          for (const r of requests) {
            const made = transfersOf(r.id);
            if (made.length !== 1) problems.push(`${r.id}: ${made.length} transfers`);
            if (r.state !== 'succeeded' || r.stripe_object_id !== made[0])
              problems.push(`${r.id}: ${r.state}, linked to ${r.stripe_object_id}`);
          }
          if (linked !== WRITES) problems.push(`${linked} transfers in stripe_objects`);
          seen.push({ seed, killAt, problems });
        }
        return seen;
      }),
    );
    const all = lanes.flat();
    expect(all).toHaveLength(SEEDS.length);
    expect(new Set(all.map((r) => r.killAt)).size).toBe(3 * WRITES);
    expect(all.filter((r) => r.problems.length > 0)).toEqual([]);
    // About 35 s alone and up to 115 s in a full `npm test` on a 2-core machine: the limit leaves a wide margin.
  }, 360_000);
});
