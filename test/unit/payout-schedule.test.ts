// The schedule's firings on London's wall clock: 10:00 is 09:00 UTC in summer and 10:00 UTC in winter, the week the
// clocks change included, and each firing names the Friday it prepares; the Friday field's UK dates.
import { describe, expect, it } from 'vitest';
import { lastOccurrence, nextOccurrence } from '../../src/shared/payout-schedule';
import { formatUkDate, readUkDate } from '../../src/shared/dates';

const FRIDAY_10 = { scheduleWeekday: 5, scheduleTime: '10:00' };

describe('payout schedule firings (Europe/London)', () => {
  it('fires at 10:00 BST (09:00 UTC) in summer and 10:00 GMT in winter', () => {
    expect(lastOccurrence(FRIDAY_10, Date.parse('2026-07-03T09:00:00Z'))).toEqual({
      day: '2026-07-03',
      at: Date.parse('2026-07-03T09:00:00Z'),
      friday: '2026-07-03',
    });
    expect(lastOccurrence(FRIDAY_10, Date.parse('2026-07-03T08:59:59Z')).day).toBe('2026-06-26');
    expect(nextOccurrence(FRIDAY_10, Date.parse('2026-11-25T12:00:00Z')).at).toBe(
      Date.parse('2026-11-27T10:00:00Z'),
    );
  });

  it('follows the clocks across their change: the Friday after October’s change is GMT again', () => {
    // Clocks go back on Sun 25 Oct 2026; forward on Sun 29 Mar 2026.
    expect(nextOccurrence(FRIDAY_10, Date.parse('2026-10-24T12:00:00Z')).at).toBe(
      Date.parse('2026-10-30T10:00:00Z'),
    );
    expect(nextOccurrence(FRIDAY_10, Date.parse('2026-03-28T12:00:00Z')).at).toBe(
      Date.parse('2026-04-03T09:00:00Z'),
    );
    expect(lastOccurrence(FRIDAY_10, Date.parse('2026-10-30T09:30:00Z')).day).toBe('2026-10-23');
  });

  it('a firing on another weekday prepares the Friday on or after it', () => {
    const thursday = { scheduleWeekday: 4, scheduleTime: '18:30' };
    expect(nextOccurrence(thursday, Date.parse('2026-12-03T18:29:00Z'))).toEqual({
      day: '2026-12-03',
      at: Date.parse('2026-12-03T18:30:00Z'),
      friday: '2026-12-04',
    });
    expect(
      lastOccurrence({ scheduleWeekday: 6, scheduleTime: '00:00' }, Date.parse('2026-12-05T00:00:00Z'))
        .friday,
    ).toBe('2026-12-11');
  });
});

describe('UK dates for the Friday field', () => {
  it('reads DD/MM/YYYY (and DD/MM/YY), refusing days that do not exist', () => {
    expect(readUkDate('04/12/2026')).toEqual({ date: '2026-12-04' });
    expect(readUkDate(' 4/12/26 ')).toEqual({ date: '2026-12-04' });
    expect(readUkDate('31/02/2026')).toEqual({
      error: '31/02/2026 is not a real date: check the day and month.',
    });
    expect(readUkDate('12/31/2026')).toEqual({
      error: '12/31/2026 is not a real date: check the day and month.',
    });
    expect(readUkDate('2026-12-04')).toEqual({ error: 'Enter a date as DD/MM/YYYY, such as 04/12/2026.' });
    expect(formatUkDate('2026-12-04')).toBe('04/12/2026');
  });
});
