// The command-line entry: usage errors exit 2 with one line; a good invocation serves the SDK.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const cli = 'src/main/simulator/cli.ts';

describe('simulator CLI', () => {
  it.each([
    [['--scenario', 'nope'], /--scenario must be none, demo or large/],
    [['--port', 'abc'], /--port must be a non-negative integer/],
    [['--start-date', '01/07/2026'], /--start-date must be a date/],
    [['--unknown-flag'], /unknown-flag/i],
  ])('exits 2 with a one-line message for %j', (args, message) => {
    const run = spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('prints its URL and serves the SDK', async () => {
    const child = spawn(tsx, [cli, '--port', '0', '--seed', '1', '--api-key', 'sk_test_cli'], { cwd: root });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const stripe = new Stripe('sk_test_cli', {
        host: '127.0.0.1',
        port: Number(new URL(url).port),
        protocol: 'http',
        maxNetworkRetries: 0,
      });
      await expect(stripe.balance.retrieve()).resolves.toMatchObject({ object: 'balance' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
