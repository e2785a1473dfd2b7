// Starts the benches' Stripe simulator in a process of its own, so the console process's CPU and memory are its own.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { StartOptions } from '../../src/main/simulator/index';
import type { SimulatorChildMessage } from './simulator-child';

const CHILD = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));

async function next(child: ChildProcess): Promise<SimulatorChildMessage> {
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The simulator process exited (${String(code)}) before answering`);
    }),
  ])) as [SimulatorChildMessage];
  return message;
}

/** Starts the simulator process; the large scenario needs far more than Node's default heap. */
export async function startSimulatorProcess(options: StartOptions) {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=16384'],
    env: { ...process.env, LPLATE_SIMULATOR_OPTIONS: JSON.stringify(options) },
  });
  const ready = await next(child);
  if (ready.kind !== 'ready') throw new Error('The simulator process did not start');
  return {
    ready,
    stop: async () => {
      child.send('stop');
      const stopped = await next(child);
      return stopped.kind === 'stopped' ? stopped : null;
    },
    kill: () => child.kill(),
  };
}
