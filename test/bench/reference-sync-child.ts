// The reference backfill's process (see reference-sync.ts): its wall, CPU, peak RSS and disk writes are its own.
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskWrittenBytes, mb } from './disk-written';
import { referenceBackfill, type ReferenceResult } from './reference-sync';

const round1 = (n: number) => Math.round(n * 10) / 10;

process.on('disconnect', () => process.exit(1));
const { port, key } = JSON.parse(process.env.LPLATE_REFERENCE_SYNC ?? '{}') as { port: number; key: string };
const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-reference-'));
const file = join(dir, 'reference.sqlite');
let result: ReferenceResult;
try {
  const stripe = new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' });
  const t = performance.now();
  const cpu = process.cpuUsage();
  const writtenBefore = diskWrittenBytes();
  // Durable commits as the console's (and a Postgres default's): WAL, each transaction synced.
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const stored = await referenceBackfill(stripe, sqlite);
  sqlite.close();
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const writtenAfter = diskWrittenBytes();
  result = {
    ...stored,
    wallSeconds: seconds,
    cpuSeconds: { user: round1(used.user / 1e6), system: round1(used.system / 1e6) },
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    databaseBytes: statSync(file).size,
    diskWrittenMB:
      writtenBefore === null || writtenAfter === null ? undefined : mb(writtenAfter - writtenBefore),
  };
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.send!(result, () => process.exit(0));
