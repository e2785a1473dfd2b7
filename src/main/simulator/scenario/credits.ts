// The marketplace's own books in the generator: prepaid hours per pair (FIFO), earnings, Friday dues.
import { allocate } from '../core/money';

export interface Lot {
  paymentId: string;
  hours: number;
  used: number;
  refunded: number;
  instructorAmount: number;
  charge: number;
}

export class CreditBook {
  private readonly pairs = new Map<string, Lot[]>();
  /** instructorId → (payable Friday → pence owed). */
  private readonly owed = new Map<string, Map<string, number>>();

  static key(learnerId: string, instructorId: string): string {
    return `${learnerId}|${instructorId}`;
  }

  addLot(key: string, lot: Lot): void {
    let lots = this.pairs.get(key);
    if (!lots) this.pairs.set(key, (lots = []));
    lots.push(lot);
  }

  /** Consumes up to `hours` oldest-first; returns the hours taken and the instructor's earning for them. */
  consume(key: string, hours: number): { hours: number; earned: number } {
    const lots = this.pairs.get(key);
    let taken = 0;
    let earned = 0;
    while (lots && lots.length > 0 && taken < hours) {
      const lot = lots[0]!;
      const k = Math.min(hours - taken, lot.hours - lot.used - lot.refunded);
      if (k > 0) {
        earned += allocate(lot.instructorAmount, lot.used, lot.used + k, lot.hours);
        lot.used += k;
        taken += k;
      }
      if (lot.used + lot.refunded >= lot.hours) lots.shift();
      else if (k <= 0) break;
    }
    return { hours: taken, earned };
  }

  /** Refunds up to `hours` unused hours of one lot from the back; returns hours and the amount to refund. */
  refundFromBack(lot: Lot, hours: number): { hours: number; amount: number } {
    const k = Math.min(hours, lot.hours - lot.used - lot.refunded);
    if (k <= 0) return { hours: 0, amount: 0 };
    const top = lot.hours - lot.refunded;
    const amount = allocate(lot.charge, top - k, top, lot.hours);
    lot.refunded += k;
    return { hours: k, amount };
  }

  addEarning(instructorId: string, payableOn: string, amount: number): void {
    let m = this.owed.get(instructorId);
    if (!m) this.owed.set(instructorId, (m = new Map()));
    m.set(payableOn, (m.get(payableOn) ?? 0) + amount);
  }

  /** What is payable on or before `friday`, and a function that marks it paid. */
  due(instructorId: string, friday: string): { amount: number; settle: () => void } {
    const m = this.owed.get(instructorId);
    let amount = 0;
    const dates: string[] = [];
    for (const [date, v] of m ?? []) {
      if (date <= friday) {
        amount += v;
        dates.push(date);
      }
    }
    return { amount, settle: () => dates.forEach((d) => m?.delete(d)) };
  }
}
