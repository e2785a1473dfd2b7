// `lplate payouts preview|run` on a real workspace against the simulator: the preview and its exit code, a run
// prepared and left for approval without --yes, executed with --yes (one transfer per ready instructor), run again
// changing nothing, and support refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/host/cli';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import {
  connectAndSync,
  contractCaller,
  openSyncCore,
  OPERATOR_PASSWORD,
  signedInOperators,
  startSmallSimulator,
  TEST_KEY,
} from '../sync/harness';
import { OPERATORS } from './workspace';

const FRIDAY = '2026-07-17';
let sim: RunningSimulator;
const dir = mkdtempSync(join(tmpdir(), 'lplate-payouts-cli-'));
const keyFile = join(dir, '..', `${dir.split('/').pop()}.key`);

const lplate = async (operator: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { LPLATE_PASSWORD: OPERATOR_PASSWORD, LPLATE_STRIPE_API: `http://127.0.0.1:${sim.port}` },
    askPassword: () => Promise.reject(new Error('no prompt in tests')),
  };
  const code = await runCli(
    ['--workspace', dir, '--operator', operator, '--stripe-key-file', keyFile, ...args],
    io,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const transfers = () => sim.state.transfers.items.filter((t) => t.transferGroup === `payout-${FRIDAY}`);

beforeAll(async () => {
  sim = await startSmallSimulator(14);
  writeFileSync(keyFile, TEST_KEY, { mode: 0o600 });
  const c = await openSyncCore(sim.port, { dir });
  expect((await connectAndSync(c.core))?.state).toBe('done');
  await signedInOperators(c.core, OPERATORS);
  await contractCaller(c.core)('fin', 'completions.import', {
    fileName: 'completions.csv',
    csv: sim.scenario!.completionsCsv(),
  });
  c.close();
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(keyFile, { force: true });
  await sim.close();
});

describe('lplate payouts', () => {
  it('previews a Friday with exit code 1 while someone is held', async () => {
    const preview = await lplate('sup', 'payouts', 'preview', '--date', FRIDAY);
    expect(preview.code).toBe(1);
    expect(preview.out).toMatch(/^INSTRUCTOR\s+OWED\s+STATUS\s+WHY/);
    expect(preview.out).toMatch(/held\s+Stripe has disabled payouts/);
    expect(preview.out).toMatch(/Fri 17 Jul 2026: £[\d,.]+ to \d instructor\(s\); 1 held/);
    expect((await lplate('fin', 'payouts', 'run')).code).toBe(2);
    expect((await lplate('sup', 'payouts', 'run', '--date', FRIDAY)).code).toBe(1);
  });

  it('prepares without --yes, executes with it, and changes nothing when run again', async () => {
    const prepared = await lplate('fin', 'payouts', 'run', '--date', FRIDAY);
    expect(prepared.out).toMatch(/Prepared, waiting for approval: run again with --yes/);
    expect(transfers()).toHaveLength(0);
    const run = await lplate('fin', 'payouts', 'run', '--date', FRIDAY, '--yes');
    expect(run.code, run.err).toBe(1);
    expect(run.err).toMatch(/\[stripe_writes done\]/);
    const paid = run.out.match(/ paid +tr_/g)?.length ?? 0;
    expect(paid).toBeGreaterThan(0);
    expect(transfers()).toHaveLength(paid);
    expect(new Set(transfers().map((t) => t.destination)).size).toBe(paid);
    const again = await lplate('fin', 'payouts', 'run', '--date', FRIDAY, '--yes');
    expect(again.code).toBe(1);
    expect(transfers()).toHaveLength(paid);
    expect(again.out).toMatch(new RegExp(`${paid} paid`));
  });
});
