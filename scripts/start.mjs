// `npm start`: runs the desktop app when Electron's binary is installed, otherwise the console in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isWindows = process.platform === 'win32';

/** Fails with one plain sentence, never a stack trace. */
function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

/** Runs a command in the repository, output shown; false when it failed. */
function run(command, commandArgs, env = process.env) {
  // npm and npx are .cmd scripts on Windows, which only run through a shell.
  const shell = isWindows && command !== process.execPath;
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env, shell });
  return result.status === 0;
}

/**
 * The Electron executable, found the way the `electron` package finds it (path.txt + dist/) but
 * without `require('electron')`, which would try to download the binary. Null when absent.
 */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The build is missing, or older than the sources it came from. */
function buildIsStale(outputs) {
  if (!outputs.every((f) => existsSync(path.join(root, f)))) return true;
  const built = Math.min(...outputs.map((f) => statSync(path.join(root, f)).mtimeMs));
  return newestMtime(path.join(root, 'src')) > built;
}

/** Loads better-sqlite3 inside Electron (as Node) to see whether it matches Electron's ABI. */
function sqliteLoadsInElectron(binary) {
  const probe = 'const D = require(process.argv[1]); new D(":memory:").close();';
  const modulePath = path.join(root, 'node_modules', 'better-sqlite3');
  const result = spawnSync(binary, ['-e', probe, modulePath], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
  });
  return result.status === 0;
}

function startElectron(binary) {
  if (!sqliteLoadsInElectron(binary)) {
    console.log("Building better-sqlite3 for Electron's version of Node (needs the network once)…");
    if (!run('npx', ['--no-install', '@electron/rebuild', '-f', '-w', 'better-sqlite3'])) {
      fail(
        'Could not build better-sqlite3 for Electron; check your network connection and C++ build tools, then run npm start again.',
      );
    }
  }
  if (buildIsStale(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])) {
    if (!run('npx', ['--no-install', 'electron-vite', 'build']))
      fail('The app did not build; the messages above say why.');
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit', env });
  child.on('error', (error) => fail(`Electron could not be started: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

function startInBrowser() {
  console.log(
    "Electron's binary is not installed on this machine, so the console starts in your browser instead:",
  );
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    if (!run('npm', ['run', 'build'])) fail('The console did not build; the messages above say why.');
  }
  if (!existsSync(path.join(root, 'bin', 'lplate.js')))
    fail('The headless console (bin/lplate.js) is missing from this checkout.');
  if (!run(process.execPath, ['scripts/ensure-native.mjs'])) process.exit(1);
  const child = spawn(process.execPath, ['bin/lplate.js', 'serve', ...args], { cwd: root, stdio: 'inherit' });
  child.on('error', (error) => fail(`The console could not be started: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

try {
  const binary = electronBinary();
  if (binary) startElectron(binary);
  else startInBrowser();
} catch (error) {
  fail(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
}
