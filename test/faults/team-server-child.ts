// A team server in its own process for the process tests: it opens the workspace exclusively, serves it over HTTPS,
// runs a sync pass and — when told — SIGKILLs itself at the Nth sync checkpoint, mid-sync, as a crashed server would.
import { openSyncCore, markConnected, runJob } from '../integration/sync/harness';
import { readState } from '../../src/main/sync/state';
import { serveWorkspace } from '../../src/main/host/team-server';
import { selfSignedPair } from '../../src/main/host/tls';
import { RENDERER_DIR } from '../../src/main/host/paths';

interface ChildArgs {
  dir: string;
  port: number;
  killAt: number | null;
}

const args = JSON.parse(process.env.LPLATE_TEAM_ARGS ?? '{}') as ChildArgs;
let checkpoints = 0;
const sync = await openSyncCore(args.port, {
  dir: args.dir,
  exclusive: true,
  sync: {
    pageSize: 15,
    batchSize: 40,
    backfillBatchSize: 40,
    // Fixed slices: the checkpoints the seeds pick from must be the same in every run.
    sliceSize: 25,
    checkpoint: () => {
      checkpoints += 1;
      if (checkpoints === args.killAt) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const { core } = sync;
const host = await serveWorkspace(core, {
  rendererDir: RENDERER_DIR,
  tls: await selfSignedPair(args.dir, []),
});
if (!readState(core.services.sqlite, 'connected')) markConnected(core);
const job = await runJob(core, 'sync');
await host.close();
sync.close();
process.stdout.write(
  JSON.stringify({ state: job?.state, checkpoints, url: host.url, fingerprint: host.fingerprint }) + '\n',
);
process.exit(job?.state === 'done' ? 0 : 1);
