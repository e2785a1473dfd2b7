// The backfill's batching: pages and transactions of any size give the same database, a batch ending on a page; its
// checkpoints are rare while it runs, and the WAL is emptied after it.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { readAnchor } from '../../../src/main/audit/keying';
import Stripe from 'stripe';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BULK_WAL_PAGES, withRareCheckpoints } from '../../../src/main/db/bulk-wal';
import { readState, writeState } from '../../../src/main/sync/state';
import {
  connectAndSync,
  differingTables,
  FIXED_NOW,
  markConnected,
  memorySecrets,
  openSyncCore,
  startSmallSimulator,
  runJob,
  tableHashes,
  TEST_KEY,
  type SyncCore,
} from './harness';

let sim: RunningSimulator | undefined;
const cores: SyncCore[] = [];
async function open(options: Parameters<typeof openSyncCore>[1] = {}) {
  const c = await openSyncCore(sim!.port, options);
  cores.push(c);
  return c.core;
}
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await sim?.close();
  sim = undefined;
});

describe('backfill batches', () => {
  it('gives the same database with pages and batches of any size, a batch ending on a page', async () => {
    sim = await startSmallSimulator(31);
    const reference = await open();
    expect((await connectAndSync(reference))?.state).toBe('done');

    // Batches of 10 objects from pages of 7: each transaction takes whole pages until it holds 10 objects or a
    // resource is listed to its end. A slice's last page may be short, so a batch may take more than two pages,
    // never a page after its tenth object: at most 16 objects.
    const perBatch: number[] = [];
    let listed = 0;
    let mostSlices = 0;
    const core = await open({
      sync: {
        pageSize: 7,
        backfillBatchSize: 10,
        checkpoint: (point) => {
          if (point !== 'committed') return;
          const state = readState(core.services.sqlite, 'backfill');
          const total = Object.values(state?.cursors ?? {}).reduce((n, c) => n + c.count, 0);
          if (state && total > listed) perBatch.push(total - listed);
          if (state) listed = total;
          for (const c of Object.values(state?.cursors ?? {}))
            mostSlices = Math.max(mostSlices, c.slices.length);
        },
      },
    });
    expect((await connectAndSync(core))?.state).toBe('done');
    expect(Math.max(...perBatch)).toBeLessThanOrEqual(16);
    expect(perBatch.filter((n) => n >= 10).length).toBeGreaterThan(5);
    // Resources after the accounts are listed in sub-ranges of `created` at once.
    expect(mostSlices).toBe(8);
    expect(
      differingTables(tableHashes(core.services.sqlite), tableHashes(reference.services.sqlite)),
    ).toEqual([]);
  });

  it('resumes a cursor saved before listings were cut into slices as one slice, after its last object', async () => {
    sim = await startSmallSimulator(33);
    const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    const accounts = (await stripe.accounts.list({ limit: 100 })).data;
    const core = await open();
    markConnected(core, sim.state.now);
    const { sqlite } = core.services;
    // The shape an earlier version saved: one last id per resource, here the newest account.
    const legacy = { done: false, count: 1, lastId: accounts[0]!.id, lastCreated: accounts[0]!.created };
    writeState(
      sqlite,
      'backfill',
      { id: 'b-legacy', upTo: sim.state.now, startedAt: FIXED_NOW, cursors: { accounts: legacy as never } },
      FIXED_NOW,
    );
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    const listed = sqlite
      .prepare("SELECT object_id FROM stripe_observations WHERE source = 'list' AND object_type = 'account'")
      .pluck()
      .all();
    expect(new Set(listed)).toEqual(new Set(accounts.slice(1).map((a) => a.id)));
  });

  it('commits the slices before each batch’s last without waiting for the disk, and anchors the audit chain only on disk', async () => {
    sim = await startSmallSimulator(32);
    const reference = await open();
    expect((await connectAndSync(reference))?.state).toBe('done');

    const keyring = memorySecrets();
    const commits: { synchronous: number; anchor: number; head: number }[] = [];
    const core = await open({
      keyring: () => keyring,
      sync: {
        sliceSize: 5,
        checkpoint: (point) => {
          if (point !== 'committed') return;
          const { sqlite } = core.services;
          commits.push({
            synchronous: sqlite.pragma('synchronous', { simple: true }) as number,
            anchor: readAnchor(keyring)?.seq ?? 0,
            head: sqlite.prepare('SELECT max(seq) FROM audit_logs').pluck().get() as number,
          });
        },
      },
    });
    expect((await connectAndSync(core))?.state).toBe('done');
    const { sqlite } = core.services;

    // Slices that leave the cursor where it was skip the disk's sync (NORMAL = 1); each batch's last waits (FULL = 2).
    const normal = commits.filter((c) => c.synchronous === 1);
    expect(normal.length).toBeGreaterThan(5);
    expect(commits.filter((c) => c.synchronous === 2).length).toBeGreaterThan(0);
    // The anchor outside the file never names an entry a power cut could still take back.
    let onDisk = commits[0]!.anchor;
    for (const c of commits) {
      if (c.synchronous === 2) onDisk = c.head;
      expect(c.anchor).toBeLessThanOrEqual(onDisk);
    }
    expect(normal.some((c) => c.anchor < c.head)).toBe(true);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(readAnchor(keyring)?.seq).toBe(sqlite.prepare('SELECT max(seq) FROM audit_logs').pluck().get());
    expect(differingTables(tableHashes(sqlite), tableHashes(reference.services.sqlite))).toEqual([]);
  });

  it('keeps slices short while contract calls come in, and lets them grow while none do', async () => {
    sim = await startSmallSimulator(34, { paymentsPerWeek: 100 });
    let calls = 0;
    const commitsWith = async (callsSoFar: () => number) => {
      let commits = 0;
      const core = await open({
        sync: {
          callsSoFar,
          checkpoint: (point) => {
            // Each slice's transaction holds the thread 30 ms more, as on a loaded machine or a large database.
            if (point === 'tx') for (const end = performance.now() + 30; performance.now() < end;);
            if (point === 'committed') commits += 1;
          },
        },
      });
      expect((await connectAndSync(core))?.state).toBe('done');
      return { commits, core };
    };
    // Idle: nobody calls, so each slice may double up to the idle budget.
    const idle = await commitsWith(() => 0);
    // Busy: a call answered before every slice, so each stays within the short budget.
    const busy = await commitsWith(() => ++calls);
    expect(busy.commits).toBeGreaterThan(idle.commits * 2);
    expect(
      differingTables(tableHashes(busy.core.services.sqlite), tableHashes(idle.core.services.sqlite)),
    ).toEqual([]);
  });

  it('checkpoints rarely while it backfills, then gives the usual checkpoints back', async () => {
    sim = await startSmallSimulator(35);
    // Each commit's checkpoint limit, and whether the backfill was under way (its cursor saved) when it committed.
    const commits: { backfilling: boolean; limit: number }[] = [];
    const core = await open({
      sync: {
        checkpoint: (point) => {
          if (point !== 'committed') return;
          const { sqlite } = core.services;
          commits.push({
            backfilling: readState(sqlite, 'backfill') !== null,
            limit: sqlite.pragma('wal_autocheckpoint', { simple: true }) as number,
          });
        },
      },
    });
    const { sqlite } = core.services;
    const usual = sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect((await connectAndSync(core))?.state).toBe('done');
    const during = commits.filter((c) => c.backfilling);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((c) => c.limit))).toEqual(new Set([BULK_WAL_PAGES]));
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(usual);
    // The first poll of events, in the same pass, commits with the usual limit.
    expect(commits.at(-1)).toEqual({ backfilling: false, limit: usual });
  });

  it('does not wait for a reader in another connection to empty the WAL after a bulk write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-bulk-wal-'));
    const sqlite = new Database(join(dir, 'bulk.sqlite'));
    const reader = new Database(join(dir, 'bulk.sqlite'));
    try {
      sqlite.pragma('journal_mode = WAL');
      // Were the truncation to wait for the reader, this test would run into its time limit.
      sqlite.pragma('busy_timeout = 600000');
      sqlite.exec('CREATE TABLE t (x TEXT)');
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
      await withRareCheckpoints(sqlite, async () => {
        sqlite.prepare('INSERT INTO t VALUES (?)').run('while a reader holds its snapshot');
      });
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(600000);
      expect(statSync(`${sqlite.name}-wal`).size).toBeGreaterThan(0);
      reader.exec('COMMIT');
      expect(reader.prepare('SELECT x FROM t').pluck().all()).toEqual(['while a reader holds its snapshot']);
    } finally {
      reader.close();
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('empties the WAL after a bulk write, and gives the usual checkpoints back when one fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-bulk-wal-'));
    const sqlite = new Database(join(dir, 'bulk.sqlite'));
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.exec('CREATE TABLE t (x TEXT)');
      await withRareCheckpoints(sqlite, async () => {
        sqlite.prepare('INSERT INTO t VALUES (?)').run('a bulk write');
      });
      expect(statSync(`${sqlite.name}-wal`).size).toBe(0);
      const failing = withRareCheckpoints(sqlite, async () => {
        sqlite.prepare('INSERT INTO t VALUES (?)').run('written before the failure');
        expect(statSync(`${sqlite.name}-wal`).size).toBeGreaterThan(0);
        throw new Error('Stripe went away');
      });
      await expect(failing).rejects.toThrow('Stripe went away');
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(statSync(`${sqlite.name}-wal`).size).toBe(0);
      expect(sqlite.prepare('SELECT x FROM t').pluck().all()).toEqual([
        'a bulk write',
        'written before the failure',
      ]);
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
