import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  applyBps,
  applyPercent,
  divRoundHalfUp,
  formatPence,
  parsePounds,
} from '../../src/shared/money';

describe('integer money', () => {
  it('computes the 18% commission half-up: £30/h for 1 h is £30.00 + £5.40 = £35.40', () => {
    expect(applyBps(3000, 1800)).toBe(540);
    expect(applyBps(2750, 1800)).toBe(495);
    expect(applyBps(2775, 1800)).toBe(500); // 499.5 rounds up
    expect(applyBps(2772, 1800)).toBe(499); // 498.96
  });

  it('rounds halves away from zero, matching floor((n·bps + 5000) / 10000) for non-negative n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (n, bps) => {
        expect(applyBps(n, bps)).toBe(Math.floor((n * bps + 5000) / 10000));
      }),
    );
    expect(divRoundHalfUp(-5, 10)).toBe(-1);
  });

  it('takes a discount percentage off the list total half-up', () => {
    expect(applyPercent(3540, 10)).toBe(354);
    expect(applyPercent(3545, 10)).toBe(355); // 354.5
    expect(applyPercent(3540, 100)).toBe(3540);
  });

  it('splits £100.00 over 3 hours as £33.33, £33.34, £33.33', () => {
    expect([allocate(10000, 3, 0, 1), allocate(10000, 3, 1, 2), allocate(10000, 3, 2, 3)]).toEqual([
      3333, 3334, 3333,
    ]);
  });

  it('allocates shares that always add up to the total, whatever order they are taken in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        (total, units, seed) => {
          const order = Array.from({ length: units }, (_, i) => i).sort(
            (a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13),
          );
          const sum = order.reduce((acc, i) => acc + allocate(total, units, i, i + 1), 0);
          expect(sum).toBe(total);
        },
      ),
    );
  });

  it('refuses floats anywhere near an amount', () => {
    expect(() => applyBps(30.5, 1800)).toThrow(/integer/);
    expect(() => formatPence(0.1)).toThrow(/integer/);
    expect(() => allocate(100, 3, 0, 4)).toThrow(RangeError);
  });

  it('formats pence for display with thousands separators and a real minus sign', () => {
    expect(formatPence(123456)).toBe('£1,234.56');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(-1200)).toBe('−£12.00');
    expect(formatPence(123456789012)).toBe('£1,234,567,890.12');
  });

  it('reads what a person types into pence without floating point', () => {
    expect(parsePounds('£1,234.5')).toBe(123450);
    expect(parsePounds('0.07')).toBe(7);
    expect(parsePounds('12')).toBe(1200);
    expect(parsePounds('-3.10')).toBe(-310);
    expect(parsePounds('1.234')).toBeNull();
    expect(parsePounds('abc')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (p) => {
        expect(parsePounds(formatPence(p).replace('−', '-'))).toBe(p);
      }),
    );
  });
});
