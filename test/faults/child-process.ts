// Runs a TypeScript test script in its own Node process (a second console on the same workspace, or one to kill),
// passing it JSON through an environment variable and reading its last stdout line as JSON. The script is bundled
// once per test file into one plain .mjs, so each process starts in about a second instead of the three or more
// that loading every module through tsx takes: the crash tests start dozens of them.
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export interface ChildRun<T> {
  /** The signal that ended it (SIGKILL when it killed itself), else null. */
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  out: T | null;
  stderr: string;
}

const ROOT = join(import.meta.dirname, '..', '..');
/** Inside the repository (and git-ignored), so the bundle's package imports resolve to node_modules. */
const OUT_DIR = join(ROOT, '.tmp', 'children');
/** src/main/host/paths.ts finds drizzle/ from its own URL: bundled code keeps that URL. */
const PATHS_MODULE_URL = pathToFileURL(join(ROOT, 'src', 'main', 'host', 'paths.ts')).href;

const bundles = new Map<string, Promise<string>>();

function bundled(script: string): Promise<string> {
  let out = bundles.get(script);
  if (!out) {
    const outfile = join(OUT_DIR, `${basename(script, '.ts')}.mjs`);
    out = build({
      entryPoints: [script],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      define: { 'import.meta.url': JSON.stringify(PATHS_MODULE_URL) },
      logLevel: 'warning',
    }).then((result) => {
      // Test files running at once may bundle the same script: each writes its own file and renames it into place.
      mkdirSync(OUT_DIR, { recursive: true });
      const written = `${outfile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(written, result.outputFiles[0]!.contents);
      renameSync(written, outfile);
      return outfile;
    });
    bundles.set(script, out);
  }
  return out;
}

export async function runScript<T>(script: string, env: Record<string, string>): Promise<ChildRun<T>> {
  const file = await bundled(script);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env } });
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
