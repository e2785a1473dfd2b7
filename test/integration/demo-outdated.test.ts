// A demo workspace whose simulator state an older console wrote is set aside (never deleted) and made again, so
// opening the console after an upgrade never ends in an error.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { demoSettings, DEMO_SIMULATOR_FILE } from '../../src/main/demo/simulator';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';

const parent = mkdtempSync(join(tmpdir(), 'lplate-outdated-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('an outdated demo workspace', () => {
  it('is moved aside whole and a new demo workspace is made in its place', async () => {
    const dir = join(parent, 'demo');
    const options = { workspaceDir: dir, migrationsDir: MIGRATIONS_DIR, autoSync: false, log: () => {} };
    const first = await createCore({ ...options, demo: demoSettings(Date.now()) });
    first.close();
    const file = join(dir, DEMO_SIMULATOR_FILE);
    const state = JSON.parse(readFileSync(file, 'utf8')) as { version: number };
    writeFileSync(file, JSON.stringify({ ...state, version: 1 }));

    const notes: string[] = [];
    const again = await createCore({ ...options, log: (message) => notes.push(message) });
    try {
      expect(again.simulator).not.toBeNull();
      expect(again.services.workspace.mode).toBe('demo');
      const aside = readdirSync(parent).filter((name) => name.startsWith('demo.outdated-'));
      expect(aside).toHaveLength(1);
      expect(existsSync(join(parent, aside[0]!, 'lplate.sqlite'))).toBe(true);
      expect(notes).toEqual([expect.stringContaining(`moved to ${join(parent, aside[0]!)}`)]);
    } finally {
      again.close();
    }
  });
});
