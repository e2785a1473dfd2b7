// `lplate stripe connect|status|disconnect` on a real workspace against the simulator: the key from a file or
// standard input (never an argument), kept 0600 outside the workspace, never printed; exit codes and one-line errors.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/host/cli';
import type { KeyInput } from '../../../src/main/host/cli-stripe';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { startSmallSimulator } from './harness';
import { READ_ALL } from '../../fixtures/stripe-keys';

const KEY = 'rk_test_serverKey4321';
const PASSWORD = 'correct-horse-battery';

describe('lplate stripe', () => {
  let sim: RunningSimulator;
  const root = mkdtempSync(join(tmpdir(), 'lplate-stripe-cli-'));
  const workspace = join(root, 'workspace');
  const keyDir = join(root, 'keys');
  /** Everything the keyrings in keyDir hold, as text. */
  const keptKeys = () =>
    existsSync(keyDir)
      ? readdirSync(keyDir)
          .map((f) => readFileSync(join(keyDir, f), 'utf8'))
          .join('\n')
      : '';
  const keyFile = join(root, 'stripe.key');

  function io(extra: Record<string, string> = {}, stdin?: string) {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo & KeyInput = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: {
        LPLATE_KEY_DIR: keyDir,
        LPLATE_STRIPE_API: `http://127.0.0.1:${sim.port}`,
        LPLATE_PASSWORD: PASSWORD,
        ...extra,
      },
      askPassword: () => Promise.reject(new Error('no prompt in tests')),
      ...(stdin === undefined ? {} : { readKey: () => Promise.resolve(stdin) }),
    };
    return { io: value, out, err, all: () => [...out, ...err].join('\n') };
  }
  const lplate = (args: string[], run: ReturnType<typeof io>) =>
    runCli(['--workspace', workspace, ...args], run.io);

  beforeAll(async () => {
    sim = await startSmallSimulator(71);
    // Reads everything, writes nothing: connecting lists every write it may not make.
    sim.control.registerRestrictedKey(KEY, READ_ALL);
    writeFileSync(keyFile, `${KEY}\n`);
    const admin = io({ LPLATE_NEW_PASSWORD: PASSWORD });
    const args = ['operators', 'add', '--username', 'ada', '--name', 'Ada', '--email', 'ada@example.com'];
    expect(await lplate([...args, '--role', 'admin'], admin)).toBe(0);
    const fin = io({ LPLATE_NEW_PASSWORD: PASSWORD });
    const finArgs = ['operators', 'add', '--username', 'fin', '--name', 'Fin', '--email', 'fin@example.com'];
    expect(await lplate([...finArgs, '--role', 'finance', '--operator', 'ada'], fin)).toBe(0);
  });
  afterAll(async () => {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('says Stripe is not connected, with exit 1, before anyone connects it', async () => {
    const run = io();
    expect(await lplate(['stripe', 'status', '--operator', 'fin'], run)).toBe(1);
    expect(run.out).toEqual([expect.stringMatching(/^Stripe is not connected\. An admin connects it with/)]);
  });

  it('refuses a key given as an argument, says it is in the shell history, and keeps nothing', async () => {
    const run = io();
    expect(await lplate(['stripe', 'connect', KEY, '--operator', 'ada'], run)).toBe(2);
    expect(run.err).toEqual([expect.stringMatching(/never takes the key as an argument.*roll it/)]);
    expect(run.all()).not.toContain(KEY);
    expect(keptKeys()).not.toContain('rk_');
  });

  it('refuses anyone but an admin, and a file that is not a Stripe key', async () => {
    const fin = io();
    expect(await lplate(['stripe', 'connect', '--key-file', keyFile, '--operator', 'fin'], fin)).toBe(1);
    expect(fin.err.at(-1)).toMatch(/role/i);
    const bad = join(root, 'publishable.key');
    writeFileSync(bad, 'pk_test_notASecretKey123');
    const wrong = io();
    expect(await lplate(['stripe', 'connect', '--key-file', bad, '--operator', 'ada'], wrong)).toBe(2);
    expect(wrong.err.at(-1)).toMatch(/^Key refused: Paste a Stripe secret key/);
    const missing = io();
    expect(
      await lplate(['stripe', 'connect', '--key-file', join(root, 'nope'), '--operator', 'ada'], missing),
    ).toBe(2);
    expect(missing.err).toEqual([expect.stringMatching(/^Could not read the key from .*nope/)]);
    expect(keptKeys()).not.toContain('rk_');
  });

  it('connects from a key file: names the account, lists what the key may not write, backfills, keeps the key 0600 outside the workspace', async () => {
    const run = io();
    expect(await lplate(['stripe', 'connect', '--key-file', keyFile, '--operator', 'ada'], run)).toBe(0);
    expect(run.out[0]).toBe(
      `Connected to LPlate (simulated) (${sim.state.platformId}, GB) in test mode, key …4321.`,
    );
    expect(run.out).toContain('This key may not write:');
    expect(run.out.some((l) => l.startsWith('  transfers — Friday payout runs'))).toBe(true);
    expect(run.out.at(-1)).toMatch(/^Backfill done: Up to date: \d+ objects listed/);
    expect(run.err[0]).toBe('Checking the key with Stripe…');
    expect(run.err.at(-1)).toMatch(/^\[backfill done\]/);
    expect(run.all()).not.toContain(KEY);
    // One keyring per workspace: the audit chain's key and now the Stripe key.
    const [file] = readdirSync(keyDir);
    expect(readdirSync(keyDir)).toHaveLength(1);
    expect(statSync(join(keyDir, file!)).mode & 0o777).toBe(0o600);
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(keyDir, file!), 'utf8')).toContain(KEY);
    expect(readdirSync(workspace).join(' ')).not.toMatch(/key|secret/);
  });

  it('uses the kept key in later runs: status and a sync pass', async () => {
    const status = io();
    expect(await lplate(['stripe', 'status', '--operator', 'fin', '--json'], status)).toBe(0);
    expect(JSON.parse(status.out.join('\n'))).toMatchObject({
      connected: true,
      mode: 'test',
      keyLast4: '4321',
      account: { country: 'GB' },
    });
    expect(status.all()).not.toContain(KEY);
    const sync = io();
    expect(await lplate(['sync', '--operator', 'fin'], sync)).toBe(0);
  });

  it('connects again from standard input (replacing the key), then disconnects and deletes the kept key', async () => {
    const again = io({}, `${KEY}\n`);
    expect(await lplate(['stripe', 'connect', '--operator', 'ada', '--json'], again)).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({
      status: { connected: true, keyLast4: '4321' },
      backfill: { state: 'done' },
    });
    const off = io();
    expect(await lplate(['stripe', 'disconnect', '--operator', 'ada'], off)).toBe(0);
    expect(off.out).toEqual([expect.stringMatching(/^Disconnected: the key is deleted/)]);
    expect(keptKeys()).not.toContain(KEY);
    const twice = io();
    expect(await lplate(['stripe', 'disconnect', '--operator', 'ada'], twice)).toBe(1);
    expect(twice.err).toEqual(['Stripe is not connected: there is nothing to disconnect.']);
    const usage = io();
    expect(await lplate(['stripe', 'rotate', '--operator', 'ada'], usage)).toBe(2);
    expect(usage.err[0]).toMatch(/^Use: lplate stripe connect/);
  });
});
