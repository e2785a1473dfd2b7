// Saves the whole simulator state to a JSON file (atomically) and loads it back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Collection } from './core/collection';
import { Prng, type PrngState } from './core/prng';
import { SimulatorState, type BalanceRec, type Planted, type SimulatorSettings } from './state/state';
import type { AgendaItem } from './state/agenda';
import type { EventRec } from './state/records';

const VERSION = 2;

/** A state file written by another version of the simulator: it cannot be read, only replaced. */
export class OutdatedStateError extends Error {
  override name = 'OutdatedStateError';
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(`${path}: unsupported simulator state version ${version} (this simulator writes ${VERSION})`);
  }
}

type CollectionKey =
  | 'accounts'
  | 'payments'
  | 'balanceTxs'
  | 'refunds'
  | 'transfers'
  | 'reversals'
  | 'payouts'
  | 'disputes'
  | 'coupons'
  | 'promotionCodes';
const COLLECTIONS: CollectionKey[] = [
  'accounts',
  'payments',
  'balanceTxs',
  'refunds',
  'transfers',
  'reversals',
  'payouts',
  'disputes',
  'coupons',
  'promotionCodes',
];

interface Snapshot {
  version: number;
  seed: number;
  now: number;
  settings: SimulatorSettings;
  ids: PrngState;
  collections: Record<CollectionKey, unknown[]>;
  events: { events: EventRec[]; base: number; emitted: number };
  agenda: { heap: AgendaItem[]; seq: number };
  balances: [string, BalanceRec][];
  planted: Planted;
  pruneEvents: boolean;
  extra?: unknown;
}

export function saveState(state: SimulatorState, path: string, extra?: unknown): void {
  const snapshot: Snapshot = {
    version: VERSION,
    seed: state.seed,
    now: state.now,
    settings: state.settings,
    ids: state.ids.snapshot(),
    collections: Object.fromEntries(COLLECTIONS.map((k) => [k, state[k].items])) as Record<
      CollectionKey,
      unknown[]
    >,
    events: { events: state.events.events, base: state.events.baseIndex, emitted: state.events.emitted },
    agenda: { heap: state.agenda.heap, seq: state.agenda.nextSeq },
    balances: [...state.balances.entries()],
    planted: state.planted,
    pruneEvents: state.pruneEvents,
    extra,
  };
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, path);
}

export function loadState(path: string): { state: SimulatorState; extra: unknown } | undefined {
  if (!existsSync(path)) return undefined;
  const snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  if (snap.version !== VERSION) throw new OutdatedStateError(path, snap.version);
  const state = new SimulatorState(snap.seed, snap.now, snap.settings);
  state.ids = new Prng(snap.ids);
  for (const key of COLLECTIONS) {
    (state as unknown as Record<CollectionKey, Collection<{ id: string; created: number }>>)[key] =
      Collection.from(snap.collections[key] as { id: string; created: number }[]);
  }
  for (const p of state.payments.items) state.chargeToPayment.set(p.chargeId, p.id);
  state.events.restore(snap.events.events, snap.events.base, snap.events.emitted);
  state.agenda.restore(snap.agenda.heap, snap.agenda.seq);
  state.balances = new Map(snap.balances);
  state.planted = snap.planted;
  state.waitingRefunds = state.refunds.items
    .filter((r) => r.status === 'pending' && r.btId === null)
    .map((r) => r.id);
  state.pruneEvents = snap.pruneEvents;
  return { state, extra: snap.extra };
}
