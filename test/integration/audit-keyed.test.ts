import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAndForget, openTestCore, PASSWORD, withOperators, type TestCore } from '../fixtures/core';
import { appendAudit, GENESIS_HASH, hashAuditRow, type StoredAuditRow } from '../../src/main/audit/chain';
import { AUDIT_HEAD_SECRET, AUDIT_KEY_SECRET } from '../../src/main/audit/keying';
import { createCore } from '../../src/main/core';
import { openWorkspaceDatabase, type Sqlite } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { LEGACY_PASSWORD_COST } from '../../src/main/operators/passwords';
import { defaultKeyDir, keyringFile } from '../../src/main/secrets/keyring-file';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await withOperators(t);
});
afterEach(() => t.close());

const sqlite = () => t.core.services.sqlite;
const workspaceId = (db: Sqlite) => db.prepare('SELECT id FROM workspace_identity').pluck().get() as string;
const keyring = (db: Sqlite) =>
  JSON.parse(readFileSync(keyringFile(defaultKeyDir(), workspaceId(db)), 'utf8')) as {
    secrets: Record<string, string>;
  };

/** What an insider with the file does: drops the safeguards and writes the chain again, entry by entry. */
function rewriteChain(
  db: Sqlite,
  keyOf: (row: StoredAuditRow) => Buffer | null,
  change: (row: StoredAuditRow) => StoredAuditRow = (row) => row,
): void {
  for (const trigger of ['audit_logs_no_update', 'audit_logs_no_delete', 'audit_logs_no_replace'])
    db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  const rows = db.prepare('SELECT * FROM audit_logs ORDER BY seq').all() as StoredAuditRow[];
  const update = db.prepare('UPDATE audit_logs SET new_values = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const { hash: _old, ...rest } = { ...change(row), prev_hash: prev };
    const hash = hashAuditRow(rest, keyOf(row));
    update.run(rest.new_values, prev, hash, row.seq);
    prev = hash;
  }
}

async function verify() {
  return t.ok('admin', 'audit.verify', {});
}

describe('the keyed, anchored audit chain', () => {
  it("signs a new workspace's chain from its first entry and anchors its head outside the database", async () => {
    const report = await verify();
    const count = sqlite().prepare('SELECT count(*) FROM audit_logs').pluck().get() as number;
    const last = sqlite().prepare('SELECT seq, hash FROM audit_logs ORDER BY seq DESC LIMIT 1').get();
    expect(report).toEqual({
      intact: true,
      checked: count,
      keyedFrom: 1,
      head: last,
      anchor: last,
      firstBroken: null,
    });
    const first = sqlite().prepare('SELECT entity_type, action FROM audit_logs WHERE seq = 1').get();
    expect(first).toEqual({ entity_type: 'audit_chain', action: 'keyed' });
  });

  it('keeps the key and the anchored head in a 0600 keyring file outside the workspace folder, never in the database', () => {
    const file = keyringFile(defaultKeyDir(), workspaceId(sqlite()));
    expect(file.startsWith(t.dir)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { secrets } = keyring(sqlite());
    expect(secrets[AUDIT_KEY_SECRET]).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(secrets[AUDIT_HEAD_SECRET]!)).toMatchObject({ keyedFrom: 1 });
    const dump = JSON.stringify(sqlite().prepare('SELECT * FROM audit_logs').all());
    expect(dump).not.toContain(secrets[AUDIT_KEY_SECRET]);
  });

  it('reports entries cut off the end of the chain, naming where it now ends', async () => {
    const before = (await verify()).head!.seq;
    sqlite().exec('DROP TRIGGER audit_logs_no_delete');
    sqlite()
      .prepare('DELETE FROM audit_logs WHERE seq > ?')
      .run(before - 3);
    const report = await verify();
    expect(report).toMatchObject({
      intact: false,
      anchor: { seq: before },
      firstBroken: {
        seq: before - 2,
        id: null,
        reason: `the chain ends at #${before - 3}, but the head anchored outside the database is #${before}: entries #${before - 2}–#${before} were cut off`,
      },
    });
  });

  it('still reports a cut end after new entries take the cut sequence numbers: the anchor never moves past a break', async () => {
    const before = (await verify()).head!.seq;
    sqlite().exec('DROP TRIGGER audit_logs_no_delete');
    sqlite()
      .prepare('DELETE FROM audit_logs WHERE seq > ?')
      .run(before - 3);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1_000);
      await t.ok('finance', 'auth.signIn', { username: 'finance', password: PASSWORD });
    }
    const report = await verify();
    expect(report).toMatchObject({
      intact: false,
      anchor: { seq: before },
      firstBroken: {
        seq: before,
        reason: expect.stringMatching(/differs from the head anchored outside the database/),
      },
    });
  });

  it('reports a chain rewritten with recomputed plain hashes (the forgery that used to pass) at its first keyed entry', async () => {
    const target = 6;
    rewriteChain(
      sqlite(),
      () => null,
      (row) => (row.seq === target ? { ...row, new_values: '{"role":"admin"}' } : row),
    );
    expect(await verify()).toMatchObject({
      intact: false,
      checked: 0,
      firstBroken: {
        seq: 1,
        reason: expect.stringMatching(/plain hash where the workspace's audit key was due/),
      },
    });
  });

  it("reports a chain re-keyed with a key of the forger's own, naming the first entry under the wrong key", async () => {
    const forgerKey = randomBytes(32);
    rewriteChain(sqlite(), () => forgerKey);
    expect(await verify()).toMatchObject({
      intact: false,
      checked: 0,
      firstBroken: {
        seq: 1,
        reason: expect.stringMatching(/does not match the workspace's audit key.*re-keyed/),
      },
    });
  });

  it('refuses to open a keyed workspace whose key is gone from the keyring, saying where it looked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-keyless-'));
    const options = { workspaceDir: dir, migrationsDir: MIGRATIONS_DIR, autoSync: false, log: () => {} };
    const made = await createCore(options);
    const id = workspaceId(made.services.sqlite);
    made.close();
    // The folder without its keyring: a copy taken to another machine, or a keyring someone deleted.
    const empty = { where: '/nowhere/keys.json', get: () => null, set() {}, delete() {} };
    await expect(createCore({ ...options, keyring: () => empty })).rejects.toThrow(
      /audit chain is keyed, but its key is not in \/nowhere\/keys\.json/,
    );
    rmSync(dir, { recursive: true, force: true });
    rmSync(keyringFile(defaultKeyDir(), id), { force: true });
  });
});

describe('upgrading a chain written before keying', () => {
  it('keeps verifying the old plain entries, keys the chain from a marker on, and still names an old entry edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-legacy-'));
    const legacy = openWorkspaceDatabase(dir, MIGRATIONS_DIR).sqlite;
    legacy.transaction(() => {
      for (let i = 0; i < 4; i++)
        appendAudit(legacy, {
          entityType: 'setting',
          entityId: `legacy-${i}`,
          action: 'schedule',
          newValues: { i },
          userId: null,
          actor: 'system',
          createdAt: 1_700_000_000_000 + i,
        });
    })();
    legacy.close();
    const core = await createCore({
      workspaceDir: dir,
      migrationsDir: MIGRATIONS_DIR,
      autoSync: false,
      log: () => {},
      passwordCost: LEGACY_PASSWORD_COST,
    });
    try {
      const db = core.services.sqlite;
      expect(db.prepare('SELECT entity_type, action FROM audit_logs WHERE seq = 5').get()).toEqual({
        entity_type: 'audit_chain',
        action: 'keyed',
      });
      await core.dispatcher.call('c', 'auth.createFirstAdmin', {
        username: 'ada',
        name: 'Ada',
        email: 'ada@x.test',
        password: PASSWORD,
      });
      const intact = await core.dispatcher.call('c', 'audit.verify', {});
      expect(intact).toMatchObject({ ok: true, data: { intact: true, keyedFrom: 5 } });
      db.exec('DROP TRIGGER audit_logs_no_update');
      db.prepare(`UPDATE audit_logs SET new_values = '{"i":99}' WHERE seq = 2`).run();
      const broken = await core.dispatcher.call('c', 'audit.verify', {});
      expect(broken).toMatchObject({
        ok: true,
        data: {
          intact: false,
          firstBroken: { seq: 2, reason: expect.stringMatching(/changed after it was written/) },
        },
      });
    } finally {
      closeAndForget(core, dir);
    }
  });
});
