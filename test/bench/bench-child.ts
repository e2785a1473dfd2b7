// Benches run their counterparts (the simulator, team clients) in processes of their own, so each figure is one process's.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** `LPLATE_BENCH_CPU_PROF=DIR`: each bench process writes a V8 CPU profile there (`scripts/cpu-profile.ts` reads one). */
const profiling = () => {
  const dir = process.env.LPLATE_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

/** Forks a TypeScript module under tsx, with its options in one environment variable. */
export function forkBenchChild(path: string, env: Record<string, string>, heapMB?: number): ChildProcess {
  return fork(path, [], {
    execArgv: ['--import', 'tsx', ...profiling(), ...(heapMB ? [`--max-old-space-size=${heapMB}`] : [])],
    env: { ...process.env, ...env },
  });
}

/** The child's next message, or an error naming it if it exits first. */
export async function nextMessage<T>(child: ChildProcess, name: string): Promise<T> {
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The ${name} process exited (${String(code)}) before answering`);
    }),
  ])) as [T];
  return message;
}
