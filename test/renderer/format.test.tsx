import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Money } from '../../src/renderer/src/components/ui';
import { formatBps, parsePercentToBps, middleTruncate } from '../../src/renderer/src/lib/format';
import { presetRange, describeRange } from '../../src/renderer/src/components/ui/DateRangePicker';

afterEach(cleanup);

describe('Money', () => {
  it('shows integer pence as pounds with thousands separators and tabular, right-aligned numerals', () => {
    render(<Money pence={123456} />);
    const el = screen.getByText('£1,234.56');
    expect(el.className).toContain('money');
    expect(el.className).not.toContain('money--negative');
  });

  it('shows negatives with a real minus sign (U+2212) and marks them red', () => {
    render(<Money pence={-1200} />);
    const el = screen.getByText('\u2212£12.00');
    expect(el.className).toContain('money--negative');
  });

  it('refuses a float rather than rounding it', () => {
    expect(() => render(<Money pence={12.5} />)).toThrow(/integer number of pence/);
  });
});

describe('basis points and percentages', () => {
  it('formats basis points with integer arithmetic', () => {
    expect(formatBps(1800)).toBe('18.00%');
    expect(formatBps(5)).toBe('0.05%');
    expect(formatBps(1234)).toBe('12.34%');
  });
  it('parses what a person types into basis points without floats', () => {
    expect(parsePercentToBps('18')).toBe(1800);
    expect(parsePercentToBps('18.5%')).toBe(1850);
    expect(parsePercentToBps('0.07')).toBe(7);
    expect(parsePercentToBps('18.555')).toBeNull();
    expect(parsePercentToBps('abc')).toBeNull();
  });
  it('truncates ids in the middle', () => {
    expect(middleTruncate('pi_3Q1234567890abc8fK2', 5, 4)).toBe('pi_3Q…8fK2');
  });
});

describe('date range presets', () => {
  it('starts weeks on Monday and computes months and quarters from a London date', () => {
    expect(presetRange('week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-25' }); // a Wednesday
    expect(presetRange('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(presetRange('lastMonth', '2026-03-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('quarter', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-11-25' });
    expect(presetRange('7d', '2026-11-25')).toEqual({ from: '2026-11-19', to: '2026-11-25' });
    expect(describeRange({ from: '2026-11-01', to: '2026-11-25' })).toBe('1 Nov – 25 Nov 2026');
  });
});
