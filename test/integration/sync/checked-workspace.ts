// A simulator and a sync workspace per test, whose ledger must agree with itself and with Stripe's balance before
// both are closed after the test.
import { afterEach, expect } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { ledgerProblems, type SyncCore } from './harness';

export interface CheckedWorkspace {
  sim?: RunningSimulator | undefined;
  open?: SyncCore | undefined;
}

/** What a test opens goes in the returned object; after each test its ledger is checked, then both are closed. */
export function checkedWorkspace(): CheckedWorkspace {
  const ws: CheckedWorkspace = {};
  afterEach(async () => {
    if (ws.open) expect(ledgerProblems(ws.open.core.services.sqlite, ws.sim)).toEqual([]);
    ws.open?.close();
    ws.open = undefined;
    await ws.sim?.close();
    ws.sim = undefined;
  });
  return ws;
}
