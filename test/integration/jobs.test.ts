// Long jobs, one way: the console (the app) and a CLI run on the same workspace see the same job, wait for it through
// the contract, and a job the console was running when it stopped is never left "running".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/main/simulator/index';
import type { InputOf, MethodName, OutputOf } from '../../src/shared/contract';
import { runCli, type CliIo } from '../../src/main/host/cli';
import {
  connectAndSync,
  OPERATOR_PASSWORD as PASSWORD,
  openSyncCore,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from './sync/harness';

const dir = mkdtempSync(join(tmpdir(), 'lplate-jobs-'));
let sim: RunningSimulator;
let app: SyncCore;

async function call<M extends MethodName>(conn: string, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await app.core.dispatcher.call(conn, method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as OutputOf<M>;
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { LPLATE_PASSWORD: PASSWORD, LPLATE_STRIPE_API: sim.url },
    askPassword: () => Promise.reject(new Error('no prompt in tests')),
  };
  return runCli(['--workspace', dir, '--operator', 'fin', ...args], io).then((code) => ({ code, out, err }));
}

beforeAll(async () => {
  sim = await startSmallSimulator(93);
  app = await openSyncCore(sim.port, { dir });
  expect((await connectAndSync(app.core))?.state).toBe('done');
  await signedInOperators(app.core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
});
afterAll(async () => {
  app?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('jobs', () => {
  it('lists a job started in the console, with its progress, in the console and in a CLI run alike', async () => {
    const code = (await call('fin', 'codes.list', { kind: 'discount', q: 'WELCOME' })).rows[0]!;
    const { jobId: started } = await call('fin', 'codes.update', { codeId: code.id, active: false });
    const jobId = started!;
    const inApp = await call('fin', 'jobs.wait', { jobId, timeoutSeconds: 30 });
    expect(inApp).toMatchObject({
      state: 'done',
      title: 'Deactivate WELCOME10 in Stripe',
      startedBy: 'Fin Ance',
    });

    const listed = await cli(['jobs', 'list', '--json']);
    expect(listed.code).toBe(0);
    const jobs = JSON.parse(listed.out.join('\n')) as { jobId: string; state: string; title: string }[];
    expect(jobs.find((j) => j.jobId === jobId)).toMatchObject({ state: 'done', title: inApp.title });

    const waited = await cli(['jobs', 'wait', jobId]);
    expect(waited.code).toBe(0);
    expect(waited.out[0]).toBe('Deactivate WELCOME10 in Stripe — done: Done in Stripe.');
    expect(waited.out[1]).toMatch(/^ {2}succeeded Deactivate WELCOME10 — Done in Stripe \(promo_\w+\)\.$/);
  });

  it('lets a CLI run wait for a job the console is still running, through the contract', async () => {
    const { jobId } = await call('fin', 'sync.run', { backfill: true });
    const waited = await cli(['jobs', 'wait', jobId]);
    expect(waited.code).toBe(0);
    expect(waited.out[0]).toMatch(/^Backfill from Stripe — done: Up to date/);
    expect(waited.err.some((line) => line.startsWith('[backfill '))).toBe(true);
  });

  it('refuses to cancel a job that has finished, and says why', async () => {
    const [last] = await call('fin', 'jobs.list', { state: 'finished', limit: 1 });
    await expect(call('fin', 'jobs.cancel', { jobId: last!.jobId })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This job has already finished.',
    });
  });

  it('marks a job the console was running when it stopped as interrupted when it opens again', async () => {
    app.close();
    const db = new Database(join(dir, 'lplate.sqlite'));
    db.prepare(
      "INSERT INTO jobs (id, kind, title, state, created_at) VALUES ('0b7a0c43-9a5e-4c55-9c2a-4b1d5b3f6f01', 'backfill', 'Backfill from Stripe', 'running', 1)",
    ).run();
    db.close();
    app = await openSyncCore(sim.port, { dir });
    const job = await call('admin', 'auth.signIn', { username: 'fin', password: PASSWORD }).then(() =>
      call('admin', 'jobs.get', { jobId: '0b7a0c43-9a5e-4c55-9c2a-4b1d5b3f6f01' }),
    );
    expect(job).toMatchObject({ state: 'interrupted', cancellable: false });
    expect(job.message).toBe('The console stopped while this ran. Start it again if it is still needed.');
  });
});
