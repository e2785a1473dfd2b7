// Public entry: start a stateful Stripe simulator over node:http, optionally filled with a scenario.
import type { AddressInfo } from 'node:net';
import { SimulatorState } from './state/state';
import { SimulatorControl } from './control';
import { FaultInjector } from './http/faults';
import { IdempotencyStore } from './http/idempotency';
import { RestrictedKeys, type Permissions } from './http/permissions';
import { createSimulatorServer, dateClock } from './http/server';
import { handleControl } from './http/control-routes';
import { loadState, saveState } from './persistence';
import { parseInstant } from './core/dates';
import { generateScenario } from './scenario/generator';
import { completionsToCsv } from './scenario/csv';
import type { ScenarioOptions, ScenarioResult } from './scenario/types';
import type { PayoutSchedule } from './state/records';
import { PRESETS } from './scenario/presets';

export { SimulatorState } from './state/state';
export { OutdatedStateError } from './persistence';
export { SimulatorControl, type SimulatorSummary } from './control';
export type { FaultRule, FaultSpec } from './http/faults';
export type { Access, Permissions, Resource } from './http/permissions';
export { generateScenario, type GeneratedScenario } from './scenario/generator';
export { PRESETS, largeFraction } from './scenario/presets';
export { COMPLETIONS_CSV_HEADER, completionsToCsv } from './scenario/csv';
export type * from './scenario/types';
export { stripeCardFee, lessonAmounts, allocate, applyBps } from './core/money';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  /** When set, only this key is accepted; otherwise any sk_test_… / rk_test_… key. */
  apiKey?: string;
  scenario?: 'none' | 'demo' | 'large' | ScenarioOptions;
  /** ISO date: the simulated clock's start (and the scenario's first day). Default 2026-07-01. */
  startDate?: string;
  /** JSON file the state is loaded from (if present) and saved to after changes and on close. */
  persistPath?: string;
  /** The platform's automatic payout schedule: daily or weekly (Fridays) at 18:00 UTC, or manual. Default weekly. */
  payoutSchedule?: PayoutSchedule;
  /** Restricted keys (rk_test_…) and their permissions; other rk_test_ keys keep full access. */
  restrictedKeys?: Record<string, Permissions>;
  /**
   * The Date header runs on in real seconds while nothing moves the simulated clock, as Stripe's does during a long
   * read (the benches' backfills); by default it is the simulated clock, which tests move by hand.
   */
  wallClockDates?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  state: SimulatorState;
  control: SimulatorControl;
  /** What the marketplace knows (completions, anomalies), when a scenario was generated. */
  scenario?: ScenarioResult;
  close(): Promise<void>;
}

export const DEFAULT_START_DATE = '2026-07-01';

function buildScenario(
  options: StartOptions,
  seed: number,
): { state: SimulatorState; scenario?: ScenarioResult } {
  const sc = options.scenario ?? 'none';
  if (sc === 'none')
    return { state: new SimulatorState(seed, parseInstant(options.startDate ?? DEFAULT_START_DATE)) };
  const dated = options.startDate ? { startDate: options.startDate } : {};
  const input: ScenarioOptions =
    typeof sc === 'string' ? { ...PRESETS[sc], seed, ...dated } : { seed, ...dated, ...sc };
  const generated = generateScenario(input);
  return { state: generated.state, scenario: generated.result };
}

/** Persisted scenario facts (the completion rows are kept so the CSV survives restarts). */
type PersistedScenario = Omit<ScenarioResult, 'completionsCsv'>;

function revive(extra: unknown): ScenarioResult | undefined {
  if (!extra || typeof extra !== 'object') return undefined;
  const s = extra as PersistedScenario;
  return { ...s, completionsCsv: () => completionsToCsv(s.completions) };
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const seed = options.seed ?? 42;
  const loaded = options.persistPath ? loadState(options.persistPath) : undefined;
  const built = loaded
    ? { state: loaded.state, scenario: revive(loaded.extra) }
    : buildScenario(options, seed);
  const state = built.state;
  if (options.payoutSchedule && !loaded) state.settings.platformPayoutSchedule = options.payoutSchedule;
  const scenario = built.scenario;
  const faults = new FaultInjector(seed);
  const restrictedKeys = new RestrictedKeys();
  for (const [key, permissions] of Object.entries(options.restrictedKeys ?? {}))
    restrictedKeys.register(key, permissions);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (options.persistPath)
      saveState(
        state,
        options.persistPath,
        scenario ? { ...scenario, completionsCsv: undefined } : undefined,
      );
  };
  const scheduleSave = () => {
    if (options.persistPath && !saveTimer) saveTimer = setTimeout(saveNow, 250);
  };
  const control = new SimulatorControl(state, faults, restrictedKeys, scheduleSave);
  const server = createSimulatorServer({
    state: () => state,
    faults,
    idempotency: new IdempotencyStore(),
    restrictedKeys,
    apiKey: options.apiKey,
    seed,
    control: (req, res, body, url) =>
      handleControl({ control: () => control, scenario: () => scenario, save: saveNow }, req, res, body, url),
    onMutation: scheduleSave,
    dateNow: dateClock(() => state, options.wallClockDates ?? false),
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (options.persistPath && !loaded) saveNow();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    control,
    scenario,
    close: async () => {
      saveNow();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
