// The command-line entry: usage errors exit 2 with one line; a good invocation serves the SDK.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { generateScenario, largeFraction, PRESETS } from '../../../src/main/simulator/index';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const cli = 'src/main/simulator/cli.ts';

/** The URL the CLI prints once it serves. */
function listening(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

describe('simulator CLI', () => {
  it.each([
    [['--scenario', 'nope'], /--scenario must be none, demo or large/],
    [['--port', 'abc'], /--port must be a non-negative integer/],
    [['--start-date', '01/07/2026'], /--start-date must be a date/],
    [['--unknown-flag'], /unknown-flag/i],
    [['--scenario', 'large', '--fraction', '0'], /--fraction must be a number above 0 and at most 1/],
    [['--scenario', 'large', '--fraction', '1.5'], /--fraction must be a number above 0 and at most 1/],
    [['--scenario', 'large', '--fraction', 'tenth'], /--fraction must be a number above 0 and at most 1/],
    [['--scenario', 'large', '--fraction=-0.1'], /--fraction must be a number above 0 and at most 1/],
    [['--scenario', 'large', '--fraction', '-0.1'], /--fraction=-XYZ/],
    [['--scenario', 'demo', '--fraction', '0.1'], /--fraction needs --scenario large/],
    [['--fraction', '0.1'], /--fraction needs --scenario large/],
  ])('exits 2 with a one-line message for %j', (args, message) => {
    const run = spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('prints its URL and serves the SDK', async () => {
    const child = spawn(tsx, [cli, '--port', '0', '--seed', '1', '--api-key', 'sk_test_cli'], { cwd: root });
    try {
      const url = await listening(child);
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

  it('serves a share of the large scenario: the same marketplace the benches build with largeFraction', async () => {
    const child = spawn(
      tsx,
      [
        cli,
        '--port',
        '0',
        '--seed',
        '3',
        '--scenario',
        'large',
        '--fraction',
        '0.0005',
        '--start-date',
        '2026-01-05',
      ],
      { cwd: root },
    );
    try {
      const url = await listening(child);
      const served = (await (await fetch(`${url}/_sim/scenario`)).json()) as {
        startDate: string;
        instructors: unknown[];
        learnerCount: number;
        counts: Record<string, number>;
      };
      // 1/2000 of large: 10,000 instructors → 5, 200,000 learners → 100; 19,231 a week → 10, raised to the floor of 20.
      expect(served.instructors).toHaveLength(5);
      expect(served.learnerCount).toBe(100);
      expect(served.startDate).toBe('2026-01-05');
      const expected = generateScenario({
        ...largeFraction(0.0005),
        startDate: '2026-01-05',
        seed: 3,
      }).result;
      expect(served.counts).toEqual(expected.counts);
      expect(served.counts.payments).toBeGreaterThan(PRESETS.large.weeks * 20 * 0.5);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('largeFraction refuses a share outside (0, 1] and gives large itself at 1', () => {
    expect(largeFraction(1)).toEqual(PRESETS.large);
    for (const bad of [0, -0.5, 1.01, Number.NaN])
      expect(() => largeFraction(bad)).toThrow(/above 0 and at most 1/);
  });
});
