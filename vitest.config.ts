// Test layers as vitest projects: `npm test` runs them in this order (see package.json).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const shared = fileURLToPath(new URL('./src/shared', import.meta.url));

/**
 * One temporary folder per vitest process for all that tests and the processes they start write there (workspaces,
 * keyrings, servers' files), removed when vitest exits: a test that forgets its own folder, or a process a test kills,
 * leaves nothing behind. Vite loads this file once for the root and once per project, so only the first load makes it.
 */
function runTempFolder(): string {
  const made = globalThis as { lplateTestTemp?: string };
  if (made.lplateTestTemp) return made.lplateTestTemp;
  const folder = (made.lplateTestTemp = mkdtempSync(join(tmpdir(), 'lplate-tests-')));
  process.once('exit', () => {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch (error) {
      console.error(`Could not remove the tests' temporary folder ${folder}: ${String(error)}`);
    }
  });
  return folder;
}
const runTemp = runTempFolder();

export default defineConfig({
  resolve: { alias: { '@shared': shared } },
  test: {
    // Workspaces keep their audit keys outside the folder: tests (and the processes they start) use a temporary keyring.
    env: { TMPDIR: runTemp, LPLATE_KEY_DIR: join(runTemp, 'keys') },
    projects: [
      // Time limits leave a wide margin over a quiet machine's durations: CI must pass on a loaded one.
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/faults/**/*.test.ts'],
          environment: 'node',
          // The slowest in-process test takes about 30 s in a full run on a loaded 2-core machine: three times that
          // and more. Tests that start processes set their own, wider limits.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A page on a loaded machine can take seconds to answer: polls without their own limit wait this long.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
