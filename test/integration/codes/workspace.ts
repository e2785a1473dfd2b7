// The workspace each codes test file works in: a small simulated marketplace, a console synced with it and its
// operators signed in — opened before the file's tests, closed after them — and the reads the files share.
import Stripe from 'stripe';
import { syncedWorkspace, type Operator } from '../sync/workspace';

export const FIN: Operator = { username: 'fin', name: 'Fin Ance', role: 'finance' };
export const MAN: Operator = { username: 'man', name: 'Mandy Ager', role: 'manager' };
export const SUP: Operator = { username: 'sup', name: 'Sue Port', role: 'support' };

export function codesWorkspace(seed: number, operators: Operator[], options: { dir?: string } = {}) {
  const w = syncedWorkspace({ seed, operators, core: options });
  return Object.assign(w, {
    row: async (code: string, kind: 'discount' | 'referral' = 'discount') =>
      (await w.call('fin', 'codes.list', { kind, q: code })).rows.find((r) => r.code === code)!,
    promotionsWith: (code: string) => w.sim.state.promotionCodes.items.filter((p) => p.code === code),
    /** A Stripe client for the simulator under another key (the Dashboard, the marketplace's checkout). */
    stripe: (key: string) => new Stripe(key, { host: '127.0.0.1', port: w.sim.port, protocol: 'http' }),
  });
}
