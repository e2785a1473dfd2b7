// The screens beside Payouts show the preview's own numbers: the Overview's next-Friday totals are the preview's
// totals, and each instructor's "Next Friday" on the Instructors page is their preview row (amount, ready or held).
import { describe, expect, it } from 'vitest';
import { nextFriday } from '../../../src/main/payouts/preview';
import { payoutsWorkspace } from './workspace';

const w = payoutsWorkspace(19);

describe('next Friday on the Overview and Instructors pages', () => {
  it('are the payout preview’s numbers', async () => {
    const preview = await w.call('sup', 'payouts.preview', {});
    expect(preview.date).toBe(nextFriday(w.c.core.services.clock.now()));
    expect(preview.rows.length).toBeGreaterThan(0);
    const overview = await w.call('sup', 'payouts.nextFriday', {});
    expect(overview).toEqual({
      date: preview.date,
      totals: preview.totals,
      balanceWarning: preview.balanceWarning,
    });
    const list = await w.call('sup', 'instructors.list', {
      page: 1,
      pageSize: 100,
      sort: { column: 'name', direction: 'asc' },
    });
    for (const row of preview.rows) {
      const shown = list.rows.find((r) => r.id === row.instructor.id)!;
      expect(shown.nextFriday).toEqual({
        date: preview.date,
        owedPence: row.owedPence,
        status: row.status,
        heldReason: row.held?.reason ?? null,
      });
    }
    expect(list.rows.some((r) => r.nextFriday?.status === 'held')).toBe(true);
  });
});
