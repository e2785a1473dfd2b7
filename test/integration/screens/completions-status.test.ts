// completions.status on real workspaces: missing before any completion is recorded while payments exist, current
// after, stale once payments keep arriving and no completion was recorded for more than a week.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../../fixtures/core';
import { ScreenRows } from '../../fixtures/screen-rows';
import { buildMarketplace } from './scenario';

const DAY = 86_400_000;
let t: TestCore;
afterEach(() => t.close());

describe('completions.status', () => {
  it('is current with no payments, and missing once payments arrive without any completion', async () => {
    t = await openTestCore();
    await withOperators(t);
    expect(await t.ok('support', 'completions.status', {})).toEqual({
      state: 'current',
      lastImportAt: null,
      lastRecordedAt: null,
    });
    const rows = new ScreenRows(t.core.services.sqlite, t.clock.now());
    const jane = rows.instructor('Jane Smith', 3000, { requirementsDue: [] });
    const amira = rows.user('Amira Khan', 'amira@example.test');
    rows.payment({
      learnerId: amira,
      instructorId: jane,
      createdAt: t.clock.now(),
      totalPence: 3540,
      feePence: 540,
    });
    expect(await t.ok('support', 'completions.status', {})).toMatchObject({
      state: 'missing',
      lastRecordedAt: null,
    });
  });

  it('is current after completions, and stale when payments keep arriving and none is recorded for a week', async () => {
    t = await openTestCore();
    await withOperators(t);
    const m = buildMarketplace(t);
    const recordedAt = t.clock.now();
    expect(await t.ok('finance', 'completions.status', {})).toMatchObject({
      state: 'current',
      lastRecordedAt: recordedAt,
    });
    t.clock.advance(8 * DAY);
    for (const role of ['finance', 'manager'])
      await t.ok(role, 'auth.signIn', { username: role, password: PASSWORD }); // sessions end after 12 hours
    // a quiet week with no new payments is not stale: there is nothing new to complete
    expect((await t.ok('finance', 'completions.status', {})).state).toBe('current');
    m.rows.payment({
      learnerId: m.amira,
      instructorId: m.jane,
      createdAt: t.clock.now() - DAY,
      totalPence: 3540,
      feePence: 540,
    });
    expect(await t.ok('manager', 'completions.status', {})).toEqual({
      state: 'stale',
      lastImportAt: null,
      lastRecordedAt: recordedAt,
    });
  });
});
