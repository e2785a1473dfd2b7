import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, withOperators, type TestCore } from '../fixtures/core';
import { settingOn } from '../../src/main/settings/service';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
});
afterEach(() => t.close());

describe('effective-dated settings', () => {
  it('starts with an 18% fee, a £50.00 approval limit and 12-hour sessions', async () => {
    const view = await t.ok('support', 'settings.get', {});
    expect(view.current).toEqual({
      platform_fee_bps: 1800,
      refund_approval_limit_pence: 5000,
      session_lifetime_hours: 12,
    });
    expect(view.today).toBe('2026-11-25');
  });

  it('refuses a session lifetime outside 1–24 hours, naming the field, and changes nothing', async () => {
    for (const value of [0, 25]) {
      const result = await t.call('admin', 'settings.schedule', {
        key: 'session_lifetime_hours',
        value,
        effectiveFrom: '2026-12-01',
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'validation', details: { issues: [{ path: ['value'] }] } },
      });
    }
  });

  it('schedules a new fee from a future date without rewriting the rate in force before it', async () => {
    await t.ok('admin', 'settings.schedule', {
      key: 'platform_fee_bps',
      value: 2000,
      effectiveFrom: '2026-12-01',
    });
    const sqlite = t.core.services.sqlite;
    expect(settingOn(sqlite, 'platform_fee_bps', '2026-11-30')).toBe(1800);
    expect(settingOn(sqlite, 'platform_fee_bps', '2026-12-01')).toBe(2000);
    const view = await t.ok('finance', 'settings.get', {});
    expect(view.current.platform_fee_bps).toBe(1800);
    expect(view.history.filter((h) => h.key === 'platform_fee_bps').map((h) => h.value)).toEqual([
      2000, 1800,
    ]);
    const audit = await t.ok('finance', 'audit.list', { entityType: 'setting', action: 'schedule' });
    expect(audit.rows[0]).toMatchObject({
      oldValues: { value: 1800 },
      newValues: { value: 2000, effective_from: '2026-12-01' },
    });
  });

  it('refuses a date in the past, a value out of range, and anyone but an admin', async () => {
    const past = await t.call('admin', 'settings.schedule', {
      key: 'platform_fee_bps',
      value: 2000,
      effectiveFrom: '2026-11-24',
    });
    expect(past).toMatchObject({
      ok: false,
      error: { code: 'validation', details: { issues: [{ path: ['effectiveFrom'] }] } },
    });
    const range = await t.call('admin', 'settings.schedule', {
      key: 'platform_fee_bps',
      value: 9000,
      effectiveFrom: '2026-12-01',
    });
    expect(range).toMatchObject({
      ok: false,
      error: { code: 'validation', details: { issues: [{ path: ['value'] }] } },
    });
    const finance = await t.call('finance', 'settings.schedule', {
      key: 'refund_approval_limit_pence',
      value: 10000,
      effectiveFrom: '2026-12-01',
    });
    expect(finance).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
