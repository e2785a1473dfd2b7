// Runs a TypeScript test script in its own Node process (a second console on the same workspace, or one to kill),
// passing it JSON through an environment variable and reading its last stdout line as JSON.
import { spawn } from 'node:child_process';

export interface ChildRun<T> {
  /** The signal that ended it (SIGKILL when it killed itself), else null. */
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  out: T | null;
  stderr: string;
}

export function runScript<T>(script: string, env: Record<string, string>): Promise<ChildRun<T>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (exitCode, signal) => {
      const line = stdout.trim().split('\n').at(-1);
      resolve({ signal, exitCode, stderr, out: line ? (JSON.parse(line) as T) : null });
    });
  });
}
