// `lplate demo init` and `lplate sync`: a synced demo workspace from a terminal, reopened from its persisted simulator.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/host/cli';
import { DEMO_SIMULATOR_FILE } from '../../../src/main/demo/simulator';
import { createCore } from '../../../src/main/core';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { count } from './harness';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,
    askPassword: () => Promise.reject(new Error('no prompt in tests')),
  };
  return { io: value, out, err };
}

describe('lplate demo init / sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a synced demo workspace with one operator per role', async () => {
    const run = io();
    expect(await runCli(['demo', 'init', '--workspace', dir, '--json'], run.io)).toBe(0);
    const result = JSON.parse(run.out.join('\n')) as {
      operators: { role: string; password: string }[];
      completions: { recorded: number; errors: number };
    };
    expect(result.operators.map((o) => o.role).sort()).toEqual(['admin', 'finance', 'manager', 'support']);
    expect(result.completions.recorded).toBeGreaterThan(100);
    expect(result.completions.errors).toBe(0);
    expect(existsSync(join(dir, DEMO_SIMULATOR_FILE))).toBe(true);
    expect(run.err.some((line) => line.startsWith('[backfill done]'))).toBe(true);
  });

  it('refuses to turn a folder that is a real workspace into a demo', async () => {
    const real = mkdtempSync(join(tmpdir(), 'lplate-real-'));
    try {
      const core = await createCore({ workspaceDir: real, migrationsDir: MIGRATIONS_DIR, autoSync: false });
      core.close();
      const run = io();
      expect(await runCli(['demo', 'init', '--workspace', real], run.io)).toBe(2);
      expect(run.err.join('\n')).toMatch(/not a demo/);
    } finally {
      rmSync(real, { recursive: true, force: true });
    }
  });

  it('syncs the reopened demo workspace from its persisted simulator, with a summary and an exit code', async () => {
    const run = io({ LPLATE_PASSWORD: 'demo-finance-pass' });
    const code = await runCli(['sync', '--workspace', dir, '--operator', 'finance', '--json'], run.io);
    const { job, status } = JSON.parse(run.out.join('\n')) as {
      job: { state: string };
      status: { connected: boolean; mode: string; openErrors: number };
    };
    expect(job.state).toBe('done');
    expect(status).toMatchObject({ connected: true, mode: 'demo' });
    expect(status.openErrors).toBe(0);
    expect(code).toBe(0);

    const support = io({ LPLATE_PASSWORD: 'demo-support-pass' });
    expect(await runCli(['sync', '--workspace', dir, '--operator', 'support'], support.io)).toBe(1);
    expect(support.err.join('\n')).toMatch(/permission|not allowed|role/i);
  });

  it('prints the ledger hash and rebuilds the ledger identically', async () => {
    const env = { LPLATE_PASSWORD: 'demo-finance-pass' };
    const hash = io(env);
    expect(await runCli(['ledger', 'hash', '--workspace', dir, '--operator', 'finance'], hash.io)).toBe(0);
    expect(hash.out[0]).toMatch(/^[0-9a-f]{64}\n/);
    const rebuild = io(env);
    expect(await runCli(['ledger', 'rebuild', '--workspace', dir, '--operator', 'finance'], rebuild.io)).toBe(
      0,
    );
    expect(rebuild.out.join('\n')).toMatch(/^Identical/);
    // the replay projects completions before all their payments are back; nothing of that may stay open
    const after = io(env);
    expect(await runCli(['sync', '--workspace', dir, '--operator', 'finance', '--json'], after.io)).toBe(0);
    expect((JSON.parse(after.out.join('\n')) as { status: { openErrors: number } }).status.openErrors).toBe(
      0,
    );
  });

  it('keeps the demo data and marks the workspace as demo when opened again', async () => {
    const core = await createCore({ workspaceDir: dir, migrationsDir: MIGRATIONS_DIR, autoSync: false });
    try {
      expect(core.services.workspace.mode).toBe('demo');
      expect(core.services.workspace.demoCredentials).toHaveLength(4);
      expect(core.simulator).not.toBeNull();
      expect(
        count(
          core.services.sqlite,
          "SELECT count(*) FROM stripe_objects WHERE object_type = 'payment_intent'",
        ),
      ).toBeGreaterThan(500);
    } finally {
      core.close();
    }
  });
});
