// The named scenarios: `demo` (the app's embedded default) and `large` (benchmarks only).
import type { ScenarioOptions, ScenarioPreset } from './types';

export const PRESETS: Record<ScenarioPreset, Required<Omit<ScenarioOptions, 'seed' | 'paidFridays'>>> = {
  demo: {
    startDate: '2026-07-01',
    instructors: 25,
    learners: 300,
    weeks: 16,
    paymentsPerWeek: 60,
    creditPackBps: 3000,
    codeBps: 1500,
    refundBps: 400,
    disputeBps: 50,
    declineBps: 200,
    stripeFeeBps: 150,
    stripeFeeFixed: 20,
    keepCompletions: true,
    leanEvents: false,
    anomalies: true,
  },
  large: {
    startDate: '2025-07-01',
    instructors: 10_000,
    learners: 200_000,
    weeks: 52,
    paymentsPerWeek: 19_231,
    creditPackBps: 3000,
    codeBps: 1500,
    refundBps: 300,
    disputeBps: 20,
    declineBps: 100,
    stripeFeeBps: 150,
    stripeFeeFixed: 20,
    keepCompletions: false,
    leanEvents: true,
    anomalies: true,
  },
};

type Preset = (typeof PRESETS)[ScenarioPreset];

/**
 * The `large` preset at a share of its instructors, learners and weekly payments (0 < fraction ≤ 1; 1 is `large`
 * itself), with a floor so a tiny share still has a marketplace. The CLI's `--fraction` and the benches use it.
 */
export function largeFraction(fraction: number): Preset {
  if (!(fraction > 0 && fraction <= 1))
    throw new RangeError(`A fraction of the large scenario must be above 0 and at most 1, not ${fraction}`);
  const p = PRESETS.large;
  return {
    ...p,
    instructors: Math.max(5, Math.round(p.instructors * fraction)),
    learners: Math.max(50, Math.round(p.learners * fraction)),
    paymentsPerWeek: Math.max(20, Math.round(p.paymentsPerWeek * fraction)),
  };
}

export function resolveOptions(input: ScenarioOptions | ScenarioPreset): Required<ScenarioOptions> {
  const base = typeof input === 'string' ? PRESETS[input] : PRESETS.demo;
  const given = typeof input === 'string' ? {} : input;
  const merged = { ...base, seed: 42, ...stripUndefined(given) };
  return { ...merged, paidFridays: given.paidFridays ?? Math.max(0, merged.weeks - 4) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
