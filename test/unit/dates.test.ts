import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  formatDay,
  formatInstant,
  isRealDate,
  londonDate,
  londonInstant,
  londonMidnight,
  londonWallClock,
  payableFriday,
} from '../../src/shared/dates';

describe('UK dates and the Friday rule', () => {
  it('makes an earning payable on the first Friday on or after completion + 7 days', () => {
    expect(payableFriday(Date.parse('2025-10-09T15:00:00Z'))).toBe('2025-10-17'); // Thu
    expect(payableFriday(Date.parse('2025-10-10T15:00:00Z'))).toBe('2025-10-17'); // Fri
    expect(payableFriday(Date.parse('2025-10-11T15:00:00Z'))).toBe('2025-10-24'); // Sat
  });

  it('uses the London calendar date, not UTC, around midnight in summer time', () => {
    // 23:30 UTC on Fri 10 Oct 2025 is 00:30 on Sat 11 Oct in London (BST).
    expect(londonDate(Date.parse('2025-10-10T23:30:00Z'))).toBe('2025-10-11');
    expect(payableFriday(Date.parse('2025-10-10T23:30:00Z'))).toBe('2025-10-24');
  });

  it('finds the instant a London day begins in both GMT and BST', () => {
    expect(new Date(londonMidnight('2026-07-01')).toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(new Date(londonMidnight('2026-11-25')).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(new Date(londonMidnight('2026-03-29')).toISOString()).toBe('2026-03-29T00:00:00.000Z'); // clocks change at 01:00
  });

  it('formats instants and days the way the console shows them', () => {
    expect(formatInstant(Date.parse('2026-11-25T09:14:00Z'))).toBe('25 Nov 2026 09:14');
    expect(formatInstant(Date.parse('2026-07-01T09:14:00Z'))).toBe('1 Jul 2026 10:14');
    expect(formatDay('2026-11-27')).toBe('Fri 27 Nov 2026');
  });
});

describe('dates that exist', () => {
  it('accepts every day of the calendar, leap days included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120_000 }), (n) => isRealDate(addDays('1900-01-01', n))),
      { seed: 20261125 },
    );
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2000-02-29')).toBe(true);
  });

  it('refuses days that do not exist and text that is not a date', () => {
    for (const date of [
      '2099-02-31',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-00',
      '2025-02-29',
      '1900-02-29',
    ])
      expect([date, isRealDate(date)]).toEqual([date, false]);
    for (const text of ['2026-1-01', '26-01-01', '2026-01-01T00:00', ''])
      expect([text, isRealDate(text)]).toEqual([text, false]);
  });
});

describe('month names', () => {
  it('writes September as Sep whatever the ICU version says', async () => {
    const { formatInstant, formatDay } = await import('../../src/shared/dates');
    expect(formatInstant(Date.parse('2026-09-26T09:14:00Z'))).toBe('26 Sep 2026 10:14');
    expect(formatDay('2026-09-04')).toBe('Fri 4 Sep 2026');
  });
});

describe('London wall-clock times', () => {
  it('turns a date and time in London into the instant, in GMT and in BST, and back', () => {
    expect(londonInstant('2026-11-25', '09:30')).toBe(Date.parse('2026-11-25T09:30:00Z'));
    expect(londonInstant('2026-07-02', '21:00')).toBe(Date.parse('2026-07-02T20:00:00Z'));
    expect(londonInstant('2026-03-29', '00:30')).toBe(Date.parse('2026-03-29T00:30:00Z'));
    expect(londonInstant('2026-03-29', '03:00')).toBe(Date.parse('2026-03-29T02:00:00Z'));
    expect(londonWallClock(Date.parse('2026-07-02T20:00:00Z'))).toEqual({
      date: '2026-07-02',
      time: '21:00',
    });
  });
});
