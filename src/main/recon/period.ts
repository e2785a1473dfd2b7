// A reconciliation period as instants: London midnight of its first day to London midnight after its last.
import type { ReconPeriod } from '../../shared/contract/recon';
import { addDays, londonMidnight } from '../../shared/dates';

export interface Span {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
}

export const spanOf = (p: Pick<ReconPeriod, 'from' | 'to'>): Span => ({
  start: londonMidnight(p.from),
  end: londonMidnight(addDays(p.to, 1)),
});

/** Whether an instant (epoch ms) falls in the span. */
export const within = (span: Span, at: number) => at >= span.start && at < span.end;

/** Every London date from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
