// The demo workspace's in-process Stripe simulator: the `demo` scenario ending about today, persisted in the workspace.
import { join } from 'node:path';
import { PRESETS, startSimulator, type RunningSimulator } from '../simulator/index';
import type { StripeApiAddress } from '../stripe/client';

export const DEMO_SIMULATOR_FILE = 'demo-simulator.json';
export const DEMO_SEED = 42;

export interface DemoSettings {
  seed: number;
  startDate: string;
}

/** The demo's history is `weeks` long and ends today (UTC). */
export function demoSettings(nowMs: number): DemoSettings {
  const days = (PRESETS.demo.weeks ?? 16) * 7;
  const start = new Date(nowMs - days * 86_400_000).toISOString().slice(0, 10);
  return { seed: DEMO_SEED, startDate: start };
}

export async function startDemoSimulator(
  workspaceDir: string,
  settings: DemoSettings,
): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    seed: settings.seed,
    scenario: 'demo',
    startDate: settings.startDate,
    persistPath: join(workspaceDir, DEMO_SIMULATOR_FILE),
  });
}

/** Keeps the demo alive: its clock follows the wall clock (never backwards), so payouts and funds move. */
export function followWallClock(sim: RunningSimulator, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  if (now > sim.control.now()) sim.control.jumpTo(now);
}

export function simulatorAddress(sim: RunningSimulator): StripeApiAddress {
  return { host: '127.0.0.1', port: sim.port, protocol: 'http' };
}
