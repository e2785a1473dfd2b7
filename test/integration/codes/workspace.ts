// The workspace each codes test file works in: a small simulated marketplace, a console synced with it and its
// operators signed in — opened before the file's tests, closed after them — and the reads the files share.
import Stripe from 'stripe';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import {
  connectAndSync,
  contractCaller,
  jobEnded,
  openSyncCore,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from '../sync/harness';

type Operator = Parameters<typeof signedInOperators>[1][number];

export const FIN: Operator = { username: 'fin', name: 'Fin Ance', role: 'finance' };
export const MAN: Operator = { username: 'man', name: 'Mandy Ager', role: 'manager' };
export const SUP: Operator = { username: 'sup', name: 'Sue Port', role: 'support' };

export function codesWorkspace(seed: number, operators: Operator[], options: { dir?: string } = {}) {
  let sim: RunningSimulator | undefined;
  let c: SyncCore | undefined;
  beforeAll(async () => {
    sim = await startSmallSimulator(seed);
    c = await openSyncCore(sim.port, options);
    expect((await connectAndSync(c.core))?.state).toBe('done');
    await signedInOperators(c.core, operators);
  });
  afterAll(async () => {
    c?.close();
    await sim?.close();
  });
  const call: ReturnType<typeof contractCaller> = (...args) => contractCaller(c!.core)(...args);
  return {
    get sim() {
      return sim!;
    },
    get c() {
      return c!;
    },
    call,
    /** A job once it has ended, as `who` sees it. */
    ended: (jobId: string | null, who = 'fin') => jobEnded(c!.core, jobId!, who),
    row: async (code: string, kind: 'discount' | 'referral' = 'discount') =>
      (await call('fin', 'codes.list', { kind, q: code })).rows.find((r) => r.code === code)!,
    promotionsWith: (code: string) => sim!.state.promotionCodes.items.filter((p) => p.code === code),
    /** A Stripe client for the simulator under another key (the Dashboard, the marketplace's checkout). */
    stripe: (key: string) => new Stripe(key, { host: '127.0.0.1', port: sim!.port, protocol: 'http' }),
  };
}
