// Every commit reaches the screens: the tables a transaction really wrote are pushed as `changed`, and a contract
// call that writes a table its method does not declare is refused (in tests) instead of leaving pages stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';

let t: TestCore;
let pushed: string[][];
beforeEach(async () => {
  t = await openTestCore();
  pushed = [];
  t.core.push.subscribe((event, payload) => {
    if (event === 'changed') pushed.push((payload as { tables: string[] }).tables);
  });
});
afterEach(() => t.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('changed { tables } from what commits really wrote', () => {
  it('pushes the tables a handler’s transaction wrote', async () => {
    await withOperators(t);
    await settle();
    pushed.length = 0;
    await t.ok('admin', 'settings.schedule', {
      key: 'platform_fee_bps',
      value: 1900,
      effectiveFrom: '2030-01-01',
    });
    await settle();
    expect(pushed.flat().sort()).toEqual(['audit_logs', 'settings_history']);
  });

  it('pushes writes made in the background, outside any contract call', async () => {
    const { sqlite } = t.core.services;
    sqlite.transaction(() => {
      sqlite
        .prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('poll_interval_seconds', '60', 1)")
        .run();
    })();
    sqlite.prepare("UPDATE sync_state SET value = '90' WHERE key = 'poll_interval_seconds'").run();
    await settle();
    expect(pushed.flat()).toContain('sync_state');
  });

  it('pushes nothing for a transaction that rolled back', async () => {
    const { sqlite } = t.core.services;
    // The core's own start-up writes (the payout schedule's first look writes sync_state) are not this test's.
    await settle();
    pushed.length = 0;
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('demo', '{}', 1)").run();
        throw new Error('changed my mind');
      })(),
    ).toThrow('changed my mind');
    await settle();
    expect(pushed.flat()).not.toContain('sync_state');
  });

  it('refuses a call whose commits wrote a table its method does not declare', async () => {
    await withOperators(t);
    const spec = contract['settings.schedule'] as { writes: readonly string[] };
    const declared = spec.writes;
    spec.writes = ['settings_history'];
    try {
      const result = await t.call('admin', 'settings.schedule', {
        key: 'platform_fee_bps',
        value: 1950,
        effectiveFrom: '2030-02-01',
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'internal', details: { tables: ['audit_logs'] } },
      });
    } finally {
      spec.writes = declared;
    }
  });
});
