// Integer-pence arithmetic shared by the simulator and the scenario generator (DOMAIN.md §1–§3).

/** roundHalfUp(n * bps / 10000) for non-negative n, with integers only. */
export function applyBps(n: number, bps: number): number {
  if (n < 0) return -applyBps(-n, bps);
  return Math.floor((n * bps + 5000) / 10000);
}

/** Stripe's UK standard card fee: 1.5% + 20p, half-up on integers. */
export function stripeCardFee(amount: number, feeBps = 150, fixed = 20): number {
  return applyBps(amount, feeBps) + fixed;
}

/** roundHalfUp(a / b) for non-negative integers. */
export function divHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** Share of total T for hours (a, b] of H: round(T*b/H) - round(T*a/H) (cumulative allocation). */
export function allocate(total: number, a: number, b: number, hours: number): number {
  return divHalfUp(total * b, hours) - divHalfUp(total * a, hours);
}

export interface LessonAmounts {
  instructor: number;
  fee: number;
  list: number;
  discount: number;
  charge: number;
}

/** DOMAIN.md §2–§3: instructor = h × rate; fee = 18%; list = both; discount off list. */
export function lessonAmounts(
  hours: number,
  ratePence: number,
  discountPct: number,
  feeBps = 1800,
): LessonAmounts {
  const instructor = hours * ratePence;
  const fee = applyBps(instructor, feeBps);
  const list = instructor + fee;
  const discount = Math.floor((list * discountPct + 50) / 100);
  return { instructor, fee, list, discount, charge: list - discount };
}
