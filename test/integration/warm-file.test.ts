// The file-cache warm-up after a workspace opens: it reads the whole database file, leaves a file too large for the
// machine's memory alone, stops when the workspace closes, and never fails the opening.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { warmFileCache } from '../../src/main/db/warm-file';
import { DATABASE_FILE } from '../../src/main/db/open';
import { openSyncCore } from './sync/harness';

const MiB = 1 << 20;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fileOf(bytes: number): string {
  const file = join(tempDir('lplate-warm-'), 'data');
  writeFileSync(file, Buffer.alloc(bytes, 7));
  return file;
}

describe('warming the file cache', () => {
  it('reads a file from start to end, in pieces, whatever its size is past a piece', async () => {
    const bytes = 5 * MiB + 123;
    expect(await warmFileCache(fileOf(bytes)).done).toMatchObject({ state: 'read', bytes });
    expect(await warmFileCache(fileOf(0)).done).toMatchObject({ state: 'read', bytes: 0 });
  });

  it('leaves a file larger than its limit unread', async () => {
    const bytes = 3 * MiB;
    expect(await warmFileCache(fileOf(bytes), 2 * MiB).done).toEqual({
      state: 'skipped',
      reason: 'too large',
      bytes,
    });
  });

  it('stops when told, before reading on', async () => {
    const warmer = warmFileCache(fileOf(8 * MiB));
    warmer.stop();
    expect(await warmer.done).toEqual({ state: 'stopped', bytes: 0 });
  });

  it('settles as unreadable for a file that is not there', async () => {
    const missing = join(tempDir('lplate-warm-'), 'gone');
    expect(await warmFileCache(missing).done).toEqual({ state: 'skipped', reason: 'unreadable', bytes: 0 });
  });

  it("reads an opened workspace's database file once the core is up", async () => {
    const dir = tempDir('lplate-warm-core-');
    const open = await openSyncCore(0, { dir, autoSync: false });
    try {
      const warmed = await open.core.fileCacheWarmed;
      expect(warmed.state).toBe('read');
      expect(warmed.bytes).toBeGreaterThan(0);
      expect(warmed.bytes).toBeLessThanOrEqual(statSync(join(dir, DATABASE_FILE)).size);
    } finally {
      open.close();
    }
  });

  it('leaves the file alone for a one-shot command, which runs no background work', async () => {
    const open = await openSyncCore(0, {
      dir: tempDir('lplate-warm-cli-'),
      autoSync: false,
      background: false,
    });
    try {
      expect(await open.core.fileCacheWarmed).toEqual({ state: 'skipped', reason: 'one-shot', bytes: 0 });
    } finally {
      open.close();
    }
  });
});
