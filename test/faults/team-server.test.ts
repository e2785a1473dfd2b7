// The team server as real processes: a second server (or desktop) on the same workspace is refused, and a server
// killed mid-sync resumes, once restarted, to the same ledger as a run that was never interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { WorkspaceBusyError } from '../../src/main/db/writer-lease';
import { APP_ROOT, MIGRATIONS_DIR } from '../../src/main/host/paths';
import type { RunningSimulator } from '../../src/main/simulator/index';
import { differingTables, seeded, startSmallSimulator, workspaceHashes } from '../integration/sync/harness';
import { runScript } from './child-process';

const CHILD = fileURLToPath(new URL('./team-server-child.ts', import.meta.url));
const LPLATE = join(APP_ROOT, 'bin', 'lplate.js');
let sim: RunningSimulator;
const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-team-'));
  dirs.push(dir);
  return dir;
};

const runServer = (dir: string, killAt: number | null) =>
  runScript<{ state: string; checkpoints: number; url: string; fingerprint: string }>(CHILD, {
    LPLATE_TEAM_ARGS: JSON.stringify({ dir, port: sim.port, killAt }),
  });

const hashOf = (dir: string) => workspaceHashes(dir, sim);

/** `lplate serve` as an operator runs it; resolves with its first stdout line once it is listening. */
function startServe(dir: string, ...extra: string[]): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, [LPLATE, '--workspace', dir, 'serve', ...extra], {
    env: { ...process.env, LPLATE_STRIPE_API: `http://127.0.0.1:${sim.port}` },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, firstLine: out.split('\n')[0]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** Runs `lplate serve` to its end: exit code and what it said. */
function runServe(dir: string, ...extra: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [LPLATE, '--workspace', dir, 'serve', ...extra]);
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

beforeAll(async () => {
  sim = await startSmallSimulator(7);
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the team server as processes', () => {
  it('refuses a second server, and a desktop, on a workspace a server runs — and names the one that runs it', async () => {
    const dir = tempDir();
    const first = await startServe(dir, '--listen', '127.0.0.1:0', '--self-signed');
    expect(first.firstLine).toMatch(/^LPlate workspace server is running at https:\/\/127\.0\.0\.1:\d+$/);

    const second = await runServe(dir, '--listen', '127.0.0.1:0', '--self-signed');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `The workspace ${dir} is already open in another LPlate process (pid ${first.child.pid}`,
    );
    expect(second.stderr).toContain('stop that one first, or connect to it as a workspace server');
    // A loopback host (and the desktop, which opens its workspace the same way) is refused just the same.
    expect((await runServe(dir)).code).toBe(1);
    await expect(
      createCore({ workspaceDir: dir, migrationsDir: MIGRATIONS_DIR, exclusive: true, autoSync: false }),
    ).rejects.toThrow(WorkspaceBusyError);

    // Once the server stops, the workspace opens again.
    first.child.kill('SIGTERM');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const core = await createCore({
      workspaceDir: dir,
      migrationsDir: MIGRATIONS_DIR,
      exclusive: true,
      autoSync: false,
    });
    expect(core.services.writer.held).toBe(true);
    core.close();
  }, 180_000);

  it('refuses plain HTTP on an address other computers reach, before opening the workspace', async () => {
    const run = await runServe(tempDir(), '--listen', '0.0.0.0:0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refusing plain HTTP on 0.0.0.0');
  }, 120_000);

  it('resumes a server killed mid-sync to the same ledger as an uninterrupted run', async () => {
    const reference = tempDir();
    const whole = await runServer(reference, null);
    expect(whole.out?.state, whole.stderr).toBe('done');
    expect(whole.out!.url).toMatch(/^https:/);
    const expected = hashOf(reference);
    expect(Object.keys(expected)).not.toContain('(ledger problems)');

    for (const seed of [3, 5, 8]) {
      const killAt = 1 + Math.floor(seeded(seed)() * whole.out!.checkpoints);
      const dir = tempDir();
      const killed = await runServer(dir, killAt);
      expect(killed.signal, `seed ${seed}: ${killed.stderr}`).toBe('SIGKILL');
      // The killed server's lease names a process that is gone: the restarted server takes the workspace over.
      const resumed = await runServer(dir, null);
      expect(resumed.out?.state, `seed ${seed}: ${resumed.stderr}`).toBe('done');
      expect(differingTables(hashOf(dir), expected), `seed ${seed}, killed at ${killAt}`).toEqual([]);
    }
  }, 300_000);
});
