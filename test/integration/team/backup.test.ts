// Backing up the live team workspace: `lplate backup` copies it while a server's core has it open, and the copy,
// restored in its place once that server is gone, opens with the same operators, the same audit chain (verified
// against the anchor kept outside the database) and the same ledger hash.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/host/cli';
import { DATABASE_FILE } from '../../../src/main/db/open';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../../fixtures/core';
import { createCore } from '../../../src/main/core';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';

let live: TestCore;
let scratch: string;

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      env,
      askPassword: () => Promise.reject(new Error('no prompt in tests')),
      readKey: () => Promise.reject(new Error('no key in tests')),
    },
  };
}

beforeAll(async () => {
  live = await openTestCore({ exclusive: true });
  await withOperators(live);
  await live.ok('admin', 'settings.schedule', {
    key: 'refund_approval_limit_pence',
    value: 6_000,
    effectiveFrom: '2026-12-01',
  });
  scratch = mkdtempSync(join(tmpdir(), 'lplate-backup-'));
});
afterAll(() => {
  if (live?.core.services.sqlite.open) live.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('lplate backup', () => {
  it('refuses anyone but an admin, and an existing file, changing nothing', async () => {
    const file = join(scratch, 'by-support.sqlite');
    const support = io({ LPLATE_PASSWORD: PASSWORD });
    expect(
      await runCli(['--workspace', live.dir, '--operator', 'support', 'backup', '--to', file], support.io),
    ).toBe(1);
    expect(support.err.join('\n')).toContain('Only an admin backs the workspace up');
    const again = io({ LPLATE_PASSWORD: PASSWORD });
    expect(
      await runCli(['--workspace', live.dir, '--operator', 'admin', 'backup', '--to', live.dir], again.io),
    ).toBe(2);
    expect(again.err.join('\n')).toContain('exists already');
  });
  it('copies the live workspace, and the copy restores to the same operators, audit chain and ledger', async () => {
    const file = join(scratch, 'lplate-backup.sqlite');
    const run = io({ LPLATE_PASSWORD: PASSWORD });
    const code = await runCli(
      ['--workspace', live.dir, '--operator', 'admin', 'backup', '--to', file],
      run.io,
    );
    expect(code, run.err.join('\n')).toBe(0);
    expect(run.out.join('\n')).toMatch(
      /^Backed up to .*lplate-backup\.sqlite: \d+ pages in [\d.]+ s, integrity ok\.$/,
    );

    // The server is lost after the backup: the copy is restored in its place.
    const liveHash = await live.ok('admin', 'ledger.hash', {});
    live.core.close();

    const restored = join(scratch, 'restored');
    mkdirSync(restored);
    copyFileSync(file, join(restored, DATABASE_FILE));
    const core = await createCore({
      workspaceDir: restored,
      migrationsDir: MIGRATIONS_DIR,
      autoSync: false,
      exclusive: true,
      log: () => {},
    });
    try {
      const call = async (method: string, input: unknown) => {
        const r = await core.dispatcher.call('r', method, input);
        if (!r.ok) throw new Error(r.error.message);
        return r.data as never;
      };
      await call('auth.signIn', { username: 'admin', password: PASSWORD });
      const verify: { intact: boolean; checked: number } = await call('audit.verify', {});
      expect(verify, JSON.stringify(verify)).toMatchObject({ intact: true });
      const operators: { rows: { username: string }[] } = await call('operators.list', { pageSize: 50 });
      expect(operators.rows.map((o) => o.username).sort()).toEqual([
        'admin',
        'finance',
        'manager',
        'support',
      ]);
      const settings: { history: { value: number }[] } = await call('settings.get', {});
      expect(settings.history.map((h) => h.value)).toContain(6_000);
      const hash: { hash: string } = await call('ledger.hash', {});
      expect(hash.hash).toBe(liveHash.hash);
    } finally {
      core.close();
    }
  });
});
