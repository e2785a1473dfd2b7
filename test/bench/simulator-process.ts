// Starts the benches' Stripe simulator in a process of its own, so the console process's CPU and memory are its own.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StartOptions } from '../../src/main/simulator/index';
import { forkBenchChild, nextMessage } from './bench-child';
import type { SimulatorChildMessage } from './simulator-child';

const CHILD = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));
const next = (child: ChildProcess) => nextMessage<SimulatorChildMessage>(child, 'simulator');

/** Starts the simulator process; the large scenario needs far more than Node's default heap. */
export async function startSimulatorProcess(options: StartOptions) {
  const child = forkBenchChild(CHILD, { LPLATE_SIMULATOR_OPTIONS: JSON.stringify(options) }, 16384);
  const ready = await next(child);
  if (ready.kind !== 'ready') throw new Error('The simulator process did not start');
  return {
    ready,
    /** The simulator's CPU seconds so far, to split its serving time between two clients served in turn. */
    cpuSeconds: async () => {
      child.send('usage');
      const usage = await next(child);
      return usage.kind === 'usage' ? usage.cpuSeconds : null;
    },
    stop: async () => {
      child.send('stop');
      const stopped = await next(child);
      return stopped.kind === 'stopped' ? stopped : null;
    },
    kill: () => child.kill(),
  };
}
