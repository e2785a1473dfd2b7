// A test file's synced workspace: a small simulated marketplace and a console synced with it, its operators signed
// in (and any further setup) before the file's tests, closed after them — with the contract caller and job waits.
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningSimulator, ScenarioOptions } from '../../../src/main/simulator/index';
import {
  connectAndSync,
  contractCaller,
  jobEnded,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from './harness';
import { stripeFor } from '../../fixtures/scenario-inputs';

export type Operator = Parameters<typeof signedInOperators>[1][number];

export interface WorkspaceSetup {
  seed: number;
  operators: Operator[];
  scenario?: ScenarioOptions;
  core?: Parameters<typeof openSyncCore>[1];
  /** Runs on the simulator before the console opens and syncs. */
  before?: (sim: RunningSimulator) => void;
  /** Runs once everything is synced and signed in. */
  then?: (c: SyncCore, sim: RunningSimulator) => Promise<void>;
}

export function syncedWorkspace(setup: WorkspaceSetup) {
  let sim: RunningSimulator | undefined;
  let c: SyncCore | undefined;
  beforeAll(async () => {
    sim = await startSmallSimulator(setup.seed, setup.scenario);
    setup.before?.(sim);
    c = await openSyncCore(sim.port, setup.core);
    expect((await connectAndSync(c.core))?.state).toBe('done');
    await signedInOperators(c.core, setup.operators);
    await setup.then?.(c, sim);
  });
  afterAll(async () => {
    c?.close();
    await sim?.close();
  });
  const call: ReturnType<typeof contractCaller> = (...args) => contractCaller(c!.core)(...args);
  return {
    get sim() {
      return sim!;
    },
    get c() {
      return c!;
    },
    call,
    /** A job once it has ended, as `who` sees it. */
    ended: (jobId: string | null, who = 'fin') => jobEnded(c!.core, jobId!, who),
    sync: () => runJob(c!.core, 'sync'),
    /** The Stripe API as someone else sees it (the Dashboard, another program). */
    stripe: () => stripeFor(sim!),
  };
}
