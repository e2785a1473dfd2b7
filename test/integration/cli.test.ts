import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { APP_ROOT, MIGRATIONS_DIR } from '../../src/main/host/paths';
import { DATABASE_FILE } from '../../src/main/db/open';
import { expectedTriggers } from '../../src/main/db/triggers';

const run = promisify(execFile);
const BIN = join(APP_ROOT, 'bin', 'lplate.js');

async function lplate(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each command is a new process loading the core through tsx, signing in at the real scrypt cost: a test takes up
// to 65 s in a full `npm test` on a 2-core machine that is busy with other work, so it gets three times that.
describe('the lplate command', { timeout: 200_000 }, () => {
  it('creates the first admin without signing in, then needs --operator for everything else', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lplate-cli-'));
    const first = await lplate(
      [
        '--workspace',
        ws,
        'operators',
        'add',
        '--username',
        'ada',
        '--name',
        'Ada Admin',
        '--email',
        'ada@x.test',
        '--role',
        'admin',
      ],
      { LPLATE_NEW_PASSWORD: 'correct-horse-battery' },
    );
    expect(first).toMatchObject({ code: 0, stdout: 'Added ada (admin).\n' });

    const anonymous = await lplate(['--workspace', ws, 'operators', 'list']);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/--operator/);

    const signedIn = {
      LPLATE_PASSWORD: 'correct-horse-battery',
      LPLATE_NEW_PASSWORD: 'another-good-password',
    };
    const added = await lplate(
      [
        '--workspace',
        ws,
        '--operator',
        'ada',
        'operators',
        'add',
        '--username',
        'sam',
        '--name',
        'Sam',
        '--email',
        's@x.test',
        '--role',
        'support',
      ],
      signedIn,
    );
    expect(added.code).toBe(0);
    const list = await lplate(
      ['--workspace', ws, '--operator', 'ada', '--json', 'operators', 'list'],
      signedIn,
    );
    expect(list.code).toBe(0);
    expect(
      (JSON.parse(list.stdout) as { username: string; role: string }[]).map((o) => [o.username, o.role]),
    ).toEqual([
      ['ada', 'admin'],
      ['sam', 'support'],
    ]);

    const verify = await lplate(['--workspace', ws, '--operator', 'sam', '--json', 'audit', 'verify'], {
      LPLATE_PASSWORD: 'another-good-password',
    });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true });
  });

  it('audit verify names entries cut off the end of the chain while the console was closed, and exits 1', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lplate-cli-'));
    const env = { LPLATE_NEW_PASSWORD: 'correct-horse-battery', LPLATE_PASSWORD: 'correct-horse-battery' };
    const add = ['--workspace', ws, 'operators', 'add', '--name', 'A', '--email', 'a@x.test', '--role'];
    await lplate([...add, 'admin', '--username', 'ada'], env);
    await lplate(['--operator', 'ada', ...add, 'support', '--username', 'sam'], env);
    const before = await lplate(['--workspace', ws, '--operator', 'ada', 'audit', 'verify'], env);
    expect(before).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Intact — \d+ entries verified/),
    });
    // An insider with the file deletes the last entries and puts the safeguard back, so the console opens it.
    const db = new Database(join(ws, DATABASE_FILE));
    const last = db.prepare('SELECT max(seq) FROM audit_logs').pluck().get() as number;
    db.exec('DROP TRIGGER audit_logs_no_delete');
    db.prepare('DELETE FROM audit_logs WHERE seq > ?').run(last - 2);
    db.exec(expectedTriggers(MIGRATIONS_DIR).get('audit_logs_no_delete')!);
    db.close();
    const after = await lplate(['--workspace', ws, '--operator', 'ada', 'audit', 'verify'], env);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(
      new RegExp(`head anchored outside the database is #${last}: .* were cut off`),
    );
  });

  it('exits 1 on a wrong password, 2 on bad usage, and never prints a stack trace', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lplate-cli-'));
    await lplate(
      [
        '--workspace',
        ws,
        'operators',
        'add',
        '--username',
        'ada',
        '--name',
        'A',
        '--email',
        'a@x.test',
        '--role',
        'admin',
      ],
      {
        LPLATE_NEW_PASSWORD: 'correct-horse-battery',
      },
    );
    const wrong = await lplate(['--workspace', ws, '--operator', 'ada', 'audit', 'verify'], {
      LPLATE_PASSWORD: 'nope',
    });
    expect(wrong).toMatchObject({ code: 1, stderr: 'Wrong username or password.\n' });
    const unknown = await lplate(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const badRole = await lplate(
      [
        '--workspace',
        ws,
        '--operator',
        'ada',
        'operators',
        'add',
        '--username',
        'xavier',
        '--name',
        'X',
        '--email',
        'x@x.test',
        '--role',
        'king',
      ],
      {
        LPLATE_PASSWORD: 'correct-horse-battery',
        LPLATE_NEW_PASSWORD: 'another-good-password',
      },
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/^Choose the role: /);
    for (const r of [wrong, unknown, badRole]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
