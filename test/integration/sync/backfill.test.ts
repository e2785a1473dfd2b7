// The backfill's batching: pages and transactions of any size give the same database, a batch ending on a page.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import {
  connectAndSync,
  differingTables,
  openSyncCore,
  startSmallSimulator,
  tableHashes,
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

    // Batches of 10 objects from pages of 7: each transaction takes two pages (14) or a resource's last one.
    const pagesPerCommit: number[] = [];
    let pages = 0;
    const core = await open({
      sync: {
        pageSize: 7,
        backfillBatchSize: 10,
        checkpoint: (point) => {
          if (point === 'page') pages += 1;
          if (point !== 'committed') return;
          pagesPerCommit.push(pages);
          pages = 0;
        },
      },
    });
    expect((await connectAndSync(core))?.state).toBe('done');
    expect(pagesPerCommit.filter((n) => n > 0).every((n) => n <= 2)).toBe(true);
    expect(pagesPerCommit.filter((n) => n === 2).length).toBeGreaterThan(5);
    expect(
      differingTables(tableHashes(core.services.sqlite), tableHashes(reference.services.sqlite)),
    ).toEqual([]);
  });
});
