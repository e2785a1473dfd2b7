// sync.apply: raw Stripe events applied per second into stripe_objects, the projection and the journal, next to two
// references measured in the same run: sqlite.rawInsert (as many rows, sequential keys, one bare statement) and
// sqlite.storeOnly (each event and its object's state under their real ids, no projection). ledger.rebuild: the same
// inputs replayed by a rebuild of the workspace they built, which must come out identical.
import { PROJECTION } from '../../src/main/domains';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDatabase } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { applyInputs, type StripeInput } from '../../src/main/sync/apply';
import { startSimulator, type ScenarioOptions } from '../../src/main/simulator/index';
import { applyInBatches, stripeFor } from '../fixtures/scenario-inputs';
import { BACKFILL_BATCH_SIZE } from '../../src/main/sync/engine';
import { BULK_WAL_PAGES } from '../../src/main/db/bulk-wal';
import { fileURLToPath } from 'node:url';
import { forkBenchChild, nextMessage } from './bench-child';
import type { RebuildChildMessage } from './rebuild-child';
import type { Bench, Scale } from './bench';

const SCENARIOS: Record<Scale, ScenarioOptions> = {
  small: { seed: 42, instructors: 25, learners: 300, weeks: 16, paymentsPerWeek: 60 },
  large: {
    seed: 42,
    instructors: 400,
    learners: 8000,
    weeks: 26,
    paymentsPerWeek: 2000,
    keepCompletions: false,
  },
};
const REBUILD_CHILD = fileURLToPath(new URL('./rebuild-child.ts', import.meta.url));
/** One transaction per backfill batch, as the sync engine commits them. */
const BATCH = BACKFILL_BATCH_SIZE;

/**
 * A workspace that checkpoints its WAL as rarely as a backfill does (db/bulk-wal.ts), which these batches stand for; each
 * timed run ends, as a backfill does, by checkpointing what is left.
 */
function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-'));
  const { sqlite } = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
  sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_PAGES}`);
  return {
    sqlite,
    dir,
    close() {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The scenario's inputs as a backfill applies them: its accounts (listed) first, then `inputs`, its events and then its
 * fees (listed). A rebuild's count of inputs includes the accounts; sync.apply's does not.
 */
async function scenarioInputs(scale: Scale) {
  // Events carry no account.created nor balance transactions (fees): like a backfill, list those first.
  const sim = await startSimulator({ port: 0, scenario: SCENARIOS[scale] });
  const state = sim.state;
  const stripe = stripeFor(sim);
  const observedAt = sim.control.now();
  const listed = async (list: AsyncIterable<unknown>) => {
    const out: StripeInput[] = [];
    for await (const object of list) out.push({ kind: 'observation', object, source: 'list', observedAt });
    return out;
  };
  const accounts = await listed(stripe.accounts.list({ limit: 100 }));
  const balanceTransactions = await listed(stripe.balanceTransactions.list({ limit: 100 }));
  await sim.close();
  const events: StripeInput[] = state.events.events.map((e) => ({
    kind: 'event',
    event: JSON.parse(e.json),
  }));
  return { accounts, events, balanceTransactions, inputs: [...events, ...balanceTransactions] };
}

let lastCpuSeconds = 0;
/** Wall seconds of `work`; its CPU seconds (user + system) are kept in lastCpuSeconds, as other load skews wall time. */
function timed(work: () => void): number {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  work();
  const used = process.cpuUsage(cpu);
  lastCpuSeconds = (used.user + used.system) / 1e6;
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const benches: Bench[] = [
  {
    name: 'sync.apply',
    async run({ scale, report }) {
      const { accounts, events, balanceTransactions, inputs } = await scenarioInputs(scale);
      const base = {
        events: events.length,
        balanceTransactions: balanceTransactions.length,
        batch: BATCH,
        scale,
        pragmas: `WAL, synchronous=FULL, foreign_keys=ON, wal_autocheckpoint=${BULK_WAL_PAGES}`,
      };

      const app = fresh();
      const now = Date.now();
      app.sqlite.transaction(() => applyInputs(PROJECTION, app.sqlite, accounts, now)).immediate();
      let changed = 0;
      const seconds = timed(() => {
        changed = applyInBatches(app.sqlite, inputs, now, BATCH).changedObjects;
        app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      });
      const rows = (table: string) =>
        app.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const written = {
        objects: rows('stripe_objects'),
        journalLines: rows('journal_lines'),
        auditRows: rows('audit_logs'),
        // What the batch entries hold, one row per changed entity (audit/sync-batch.ts).
        auditChanges: rows('audit_sync_changes'),
        payments: rows('payments'),
      };
      app.close();
      report({
        bench: 'sync.apply',
        value: Math.round(inputs.length / seconds),
        unit: 'inputs/s',
        seconds,
        cpuSeconds: lastCpuSeconds,
        perCpuSecond: Math.round(inputs.length / lastCpuSeconds),
        objectVersionsApplied: changed,
        ...written,
        ...base,
      });

      const raw = fresh();
      const insert = raw.sqlite.prepare(
        `INSERT INTO stripe_events (id, type, created, object_type, object_id, account, payload, received_at, state, error)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'applied', NULL)`,
      );
      const rawRows = inputs.map((input, i) => {
        const json = JSON.stringify(input.kind === 'event' ? input.event : input.object);
        return [`raw_${i}`, 'bench', i, 'event', `obj_${i}`, json, now] as const;
      });
      const rawSeconds = timed(() => {
        for (let i = 0; i < rawRows.length; i += BATCH)
          raw.sqlite.transaction(() => {
            for (const r of rawRows.slice(i, i + BATCH)) insert.run(...r);
          })();
        raw.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      });
      raw.close();
      report({
        bench: 'sqlite.rawInsert',
        referenceFor: 'sync.apply',
        value: Math.round(rawRows.length / rawSeconds),
        unit: 'rows/s',
        seconds: rawSeconds,
        cpuSeconds: lastCpuSeconds,
        ...base,
      });

      // What storing alone costs: each event row under its real id plus its object's latest state (a reference to the
      // event), through two bare statements on the real tables and indexes — the floor under any apply, before
      // projection and audit.
      const store = fresh();
      const storeEvent = store.sqlite.prepare(
        `INSERT OR IGNORE INTO stripe_events (id, type, created, object_type, object_id, account, payload, received_at, state, error)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'applied', NULL)`,
      );
      const storeObject = store.sqlite.prepare(
        `INSERT INTO stripe_objects (id, object_type, account, created, version, observed_at, event_id)
         VALUES (?, ?, NULL, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, observed_at = excluded.observed_at,
           event_id = excluded.event_id`,
      );
      type Ev = { id: string; type: string; created: number; data: { object: Record<string, unknown> } };
      const stored = events
        .map((input) => (input as { event: Ev }).event)
        .filter((e) => typeof e.data.object.id === 'string');
      const storeSeconds = timed(() => {
        for (let i = 0; i < stored.length; i += BATCH)
          store.sqlite.transaction(() => {
            for (const e of stored.slice(i, i + BATCH)) {
              const o = e.data.object;
              storeEvent.run(e.id, e.type, e.created, o.object, o.id, JSON.stringify(e), now);
              storeObject.run(o.id, o.object, o.created ?? 0, String(e.created), e.created, e.id);
            }
          })();
        store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      });
      store.close();
      report({
        bench: 'sqlite.storeOnly',
        referenceFor: 'sync.apply',
        value: Math.round(stored.length / storeSeconds),
        unit: 'events/s',
        seconds: storeSeconds,
        cpuSeconds: lastCpuSeconds,
        ...base,
      });
    },
  },
  {
    name: 'ledger.rebuild',
    async run({ scale, report }) {
      const { accounts, inputs } = await scenarioInputs(scale);
      const app = fresh();
      try {
        const now = Date.now();
        app.sqlite.transaction(() => applyInputs(PROJECTION, app.sqlite, accounts, now)).immediate();
        applyInBatches(app.sqlite, inputs, now, BATCH);
        app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        app.sqlite.close(); // the child opens it; app.close() below only removes the folder then
        const child = forkBenchChild(REBUILD_CHILD, { LPLATE_BENCH_WORKSPACE: app.dir });
        const rebuilt = await nextMessage<RebuildChildMessage>(child, 'rebuild');
        report({
          bench: 'ledger.rebuild',
          value: Math.round(rebuilt.inputs / rebuilt.seconds),
          unit: 'inputs/s',
          ...rebuilt,
          scale,
        });
        if (!rebuilt.identical)
          throw new Error('The rebuild did not come out identical to the ledger it rebuilt.');
      } finally {
        app.close();
      }
    },
  },
];
