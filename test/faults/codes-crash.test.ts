// Mirroring a code under SIGKILL: a console killed at every step of its two Stripe writes (the coupon, then the
// promotion code: after marking one sent, after Stripe applied it, inside the commit) and restarted ends with the code
// in Stripe exactly once, in step with the console.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/main/simulator/index';
import {
  connectAndSync,
  openSyncCore,
  signedInOperators,
  startSmallSimulator,
} from '../integration/sync/harness';
import { runScript, type ChildRun } from './child-process';

const CHILD = fileURLToPath(new URL('./codes-child.ts', import.meta.url));
/** Three steps per write, two writes (coupon, promotion code): six places to die. */
const KILL_POINTS = [1, 2, 3, 4, 5, 6];

type Run = ChildRun<{ state: string; steps: number; stripe?: { state: string } }>;

const runChild = (dir: string, code: string, percentage: number, killAt: number | null): Promise<Run> =>
  runScript(CHILD, { LPLATE_CODES_ARGS: JSON.stringify({ dir, port: sim.port, code, percentage, killAt }) });

let sim: RunningSimulator;
/** A connected, synced workspace with a finance operator, copied for each run. */
const template = mkdtempSync(join(tmpdir(), 'lplate-codes-crash-'));
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSmallSimulator(97);
  const c = await openSyncCore(sim.port, { dir: template });
  expect((await connectAndSync(c.core))?.state).toBe('done');
  await signedInOperators(c.core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
  c.close();
});
afterAll(async () => {
  await sim?.close();
  for (const d of [template, ...dirs]) rmSync(d, { recursive: true, force: true });
});

describe('a code mirrored to Stripe by a console killed mid-way', () => {
  it.each(KILL_POINTS)(
    'killed at step %i, then restarted: the code is in Stripe once, in step',
    async (killAt) => {
      const dir = mkdtempSync(join(tmpdir(), 'lplate-codes-crash-run-'));
      dirs.push(dir);
      cpSync(template, dir, { recursive: true });
      // Each run makes its own coupon, so every run has all six steps.
      const [code, percentage, coupon] = [`CRASH-${killAt}`, 40 + killAt, `lplate-percent-${40 + killAt}`];
      const killed = await runChild(dir, code, percentage, killAt);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const resumed = await runChild(dir, code, percentage, null);
      expect(resumed.out, resumed.stderr).toMatchObject({ state: 'done', stripe: { state: 'in_step' } });

      const promotions = sim.state.promotionCodes.items.filter((p) => p.code === code);
      expect(promotions).toHaveLength(1);
      expect(promotions[0]).toMatchObject({
        couponId: coupon,
        active: true,
        maxRedemptions: 50,
      });
      expect(sim.state.coupons.items.filter((c) => c.id === coupon)).toHaveLength(1);
      const db = new Database(join(dir, 'lplate.sqlite'), { readonly: true });
      try {
        const requests = db
          .prepare('SELECT kind, state, stripe_object_id FROM stripe_requests ORDER BY seq')
          .all() as { kind: string; state: string; stripe_object_id: string }[];
        expect(requests).toEqual([
          { kind: 'coupon.create', state: 'succeeded', stripe_object_id: coupon },
          { kind: 'promotion_code.create', state: 'succeeded', stripe_object_id: promotions[0]!.id },
        ]);
      } finally {
        db.close();
      }
    },
    60_000,
  );
});
