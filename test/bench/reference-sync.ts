// The sync bench's yardstick: a backfill shaped like Stripe's own sync engine (raw JSON rows, one table per resource,
// primary key only, one upsert per object, one transaction per page of 100), run in a process of its own.
import type Database from 'better-sqlite3';
import type Stripe from 'stripe';
import { fileURLToPath } from 'node:url';
import { RESOURCES } from '../../src/main/stripe/resources';
import { forkBenchChild, nextMessage } from './bench-child';

export interface ReferenceStored {
  objects: number;
  pages: number;
  /** Rows stored per resource table. */
  byResource: Record<string, number>;
}

/** What the reference process reports once its backfill is done and its database closed. */
export interface ReferenceResult extends ReferenceStored {
  wallSeconds: number;
  cpuSeconds: { user: number; system: number };
  peakRssMB: number;
  databaseBytes: number;
  diskWrittenMB?: number;
}

/** Lists every resource the console reads, 100 a page, upserting each object's JSON into the resource's table. */
export async function referenceBackfill(stripe: Stripe, sqlite: Database.Database): Promise<ReferenceStored> {
  const stored: ReferenceStored = { objects: 0, pages: 0, byResource: {} };
  for (const resource of RESOURCES) {
    sqlite.exec(`CREATE TABLE ${resource.name} (id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
    const upsert = sqlite.prepare(
      `INSERT INTO ${resource.name} (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data`,
    );
    const storePage = sqlite.transaction((objects: { id: string }[]) => {
      for (const object of objects) upsert.run(object.id, JSON.stringify(object));
    });
    let startingAfter: string | undefined;
    for (;;) {
      const page = await resource.list(stripe, {
        limit: 100,
        ...(startingAfter ? { starting_after: startingAfter } : {}),
      });
      storePage(page.data);
      stored.pages += 1;
      stored.objects += page.data.length;
      stored.byResource[resource.name] = (stored.byResource[resource.name] ?? 0) + page.data.length;
      if (!page.has_more || page.data.length === 0) break;
      startingAfter = page.data.at(-1)!.id;
    }
  }
  return stored;
}

const CHILD = fileURLToPath(new URL('./reference-sync-child.ts', import.meta.url));

/** Runs the reference backfill against the simulator on `port`, into a fresh SQLite file, in its own process. */
export async function runReferenceSync(port: number, key: string): Promise<ReferenceResult> {
  const child = forkBenchChild(CHILD, { LPLATE_REFERENCE_SYNC: JSON.stringify({ port, key }) });
  // The child exits once it has answered (its database already deleted), or has exited already.
  return nextMessage<ReferenceResult>(child, 'reference sync');
}
