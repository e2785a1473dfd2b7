// ledger.rebuild's rebuild in a process of its own: the bench process that built the workspace still holds every
// input it applied, which would count in the rebuild's peak RSS.
import { statSync } from 'node:fs';
import { openWorkspaceDatabase } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { PROJECTION } from '../../src/main/domains';
import { rebuildLedger } from '../../src/main/sync/rebuild';
import { diskWrittenBytes, mb } from './disk-written';

/** What the child reports once the rebuild is done and checkpointed. */
export interface RebuildChildMessage {
  inputs: number;
  identical: boolean;
  seconds: number;
  cpuSeconds: number;
  databaseMB: number;
  databaseAfterMB: number;
  diskWrittenMB: number | null;
  peakRssBeforeMB: number;
  peakRssMB: number;
}

const { sqlite } = openWorkspaceDatabase(process.env.LPLATE_BENCH_WORKSPACE!, MIGRATIONS_DIR);
const size = () => mb(statSync(sqlite.name).size);
const databaseMB = size();
const peakRssBeforeMB = mb(process.resourceUsage().maxRSS * 1024);
const writtenBefore = diskWrittenBytes();
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
const report = rebuildLedger(PROJECTION, sqlite, Date.now(), null);
sqlite.pragma('wal_checkpoint(TRUNCATE)');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const used = process.cpuUsage(cpu);
const writtenAfter = diskWrittenBytes();
const message: RebuildChildMessage = {
  inputs: report.inputs,
  identical: report.identical,
  seconds,
  cpuSeconds: (used.user + used.system) / 1e6,
  databaseMB,
  databaseAfterMB: size(),
  diskWrittenMB: writtenBefore === null || writtenAfter === null ? null : mb(writtenAfter - writtenBefore),
  peakRssBeforeMB,
  peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
};
sqlite.close();
process.send!(message, () => process.exit(0));
