// A sync run in its own process, for the crash tests: it SIGKILLs itself at the Nth checkpoint when told to.
import { openSyncCore, markConnected, runJob } from '../integration/sync/harness';
import { readState } from '../../src/main/sync/state';

interface ChildArgs {
  dir: string;
  port: number;
  /** 'backfill': the first sync of a new workspace; 'poll': an incremental pass over every event since `from`. */
  mode: 'backfill' | 'poll';
  from: number;
  killAt: number | null;
  pageSize: number;
  batchSize: number;
  backfillBatchSize: number;
}

const args = JSON.parse(process.env.LPLATE_CRASH_ARGS ?? '{}') as ChildArgs;
let checkpoints = 0;
const sync = await openSyncCore(args.port, {
  dir: args.dir,
  sync: {
    pageSize: args.pageSize,
    batchSize: args.batchSize,
    backfillBatchSize: args.backfillBatchSize,
    // Slices sized by time would differ from run to run, and with them the checkpoints the seeds pick from.
    sliceSize: 25,
    checkpoint: () => {
      checkpoints += 1;
      if (checkpoints === args.killAt) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const { core } = sync;
if (!readState(core.services.sqlite, 'connected'))
  markConnected(core, args.mode === 'poll' ? args.from : undefined);
const job = await runJob(core, 'sync');
sync.close();
process.stdout.write(JSON.stringify({ state: job?.state, message: job?.message, checkpoints }) + '\n');
process.exit(job?.state === 'done' ? 0 : 1);
