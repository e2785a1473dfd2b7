// Makes sure better-sqlite3 loads under this Node (it may last have been built for Electron by `npm start`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Returns null when better-sqlite3 opens an in-memory database, else the error. */
function tryLoad() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function isAbiMismatch(error) {
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|ERR_DLOPEN_FAILED|invalid ELF header|wrong ELF class/.test(
    `${error.code ?? ''} ${error.message}`,
  );
}

const error = tryLoad();
if (error === null) process.exit(0);

if (!isAbiMismatch(error)) {
  console.error(`better-sqlite3 cannot be loaded: ${error.message}`);
  process.exit(1);
}

console.log(
  `better-sqlite3 was built for another runtime (probably Electron); rebuilding it for Node ${process.version}…`,
);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rebuild = spawnSync(npm, ['rebuild', 'better-sqlite3'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
if (rebuild.status !== 0) {
  console.error('Rebuilding better-sqlite3 for Node failed:');
  console.error((rebuild.stderr || rebuild.stdout || String(rebuild.error ?? '')).trim());
  process.exit(1);
}

// A fresh process: this one may have cached the failed load.
const check = spawnSync(
  process.execPath,
  ['-e', 'const D = require(process.argv[1]); new D(":memory:").close();', require.resolve('better-sqlite3')],
  { encoding: 'utf8' },
);
if (check.status !== 0) {
  console.error(
    `better-sqlite3 still cannot be loaded after the rebuild: ${(check.stderr || '').trim().split('\n')[0]}`,
  );
  process.exit(1);
}
