import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceDatabase } from '../../src/main/db/open';
import { MigrationError, migrate } from '../../src/main/db/migrate';
import { TriggerIntegrityError, expectedTriggers } from '../../src/main/db/triggers';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';

const SEED_TABLES = [
  'users',
  'profiles',
  'instructors',
  'stripe_connect_accounts',
  'payments',
  'learner_credits',
  'payouts',
  'discount_codes',
  'referral_codes',
  'refunds',
  'audit_logs',
  'reconciliation_reports',
];

const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function freshWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-db-'));
  const db = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
  opened.push(db.sqlite);
  return { dir, ...db };
}

describe('workspace database', () => {
  it('opens one SQLite file per workspace in WAL mode with synchronous=FULL, foreign keys on, temporary storage in memory', () => {
    const { sqlite, file, dir } = freshWorkspace();
    expect(file).toBe(join(dir, 'lplate.sqlite'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // Savepoint journals stay off the disk (db/open.ts): 2 is MEMORY.
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('has all twelve seed tables with their seed columns', () => {
    const { sqlite } = freshWorkspace();
    const columns = (table: string) =>
      (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    for (const table of SEED_TABLES) expect(columns(table).length, table).toBeGreaterThan(0);
    expect(columns('payments')).toEqual(
      expect.arrayContaining([
        'id',
        'learner_id',
        'instructor_id',
        'stripe_payment_intent_id',
        'total_amount_pence',
        'platform_fee_pence',
        'instructor_amount_pence',
        'status',
        'payment_type',
        'created_at',
        'updated_at',
      ]),
    );
    expect(columns('instructors')).toEqual(
      expect.arrayContaining(['hourly_rate_pence', 'is_active', 'user_id']),
    );
    const rateType = (sqlite.pragma('table_info(instructors)') as { name: string; type: string }[]).find(
      (c) => c.name === 'hourly_rate_pence',
    )!.type;
    expect(rateType.toLowerCase()).toBe('integer');
  });

  it('refuses a payment whose total is not instructor amount plus fee, and unknown foreign keys', () => {
    const { sqlite } = freshWorkspace();
    const now = 1;
    sqlite.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?)').run('u1', 'l@x.test', 'L', now, now);
    sqlite.prepare('INSERT INTO instructors VALUES (?, ?, ?, ?, ?, ?)').run('i1', 'u1', 3000, 1, now, now);
    const insert = sqlite.prepare(
      `INSERT INTO payments (id, learner_id, instructor_id, stripe_payment_intent_id, total_amount_pence, platform_fee_pence,
        instructor_amount_pence, status, payment_type, hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('p1', 'u1', 'i1', 'pi_1', 3540, 540, 3000, 'succeeded', 'lesson', 1, now, now);
    expect(() =>
      insert.run('p2', 'u1', 'i1', 'pi_2', 3541, 540, 3000, 'succeeded', 'lesson', 1, now, now),
    ).toThrow(/CHECK/);
    expect(() =>
      insert.run('p3', 'u1', 'i1', 'pi_1', 3540, 540, 3000, 'succeeded', 'lesson', 1, now, now),
    ).toThrow(/UNIQUE/);
    expect(() =>
      insert.run('p4', 'nobody', 'i1', 'pi_4', 3540, 540, 3000, 'succeeded', 'lesson', 1, now, now),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      insert.run('p5', 'u1', 'i1', 'pi_5', 3540, 540, 3000, 'paid-ish', 'lesson', 1, now, now),
    ).toThrow(/CHECK/);
  });

  it('creates the workspace folder 0700 and the database, WAL and SHM files 0600, for the owner alone', () => {
    const parent = mkdtempSync(join(tmpdir(), 'lplate-perm-'));
    const dir = join(parent, 'workspace');
    const previous = process.umask(0o022);
    try {
      const { sqlite } = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
      opened.push(sqlite);
      sqlite.prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('probe', '1', 1)").run();
      const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
      expect(mode(dir)).toBe('700');
      for (const file of ['lplate.sqlite', 'lplate.sqlite-wal', 'lplate.sqlite-shm'])
        expect([file, mode(join(dir, file))]).toEqual([file, '600']);
    } finally {
      process.umask(previous);
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('tightens the files of a workspace made before, which were readable by every local user', () => {
    const { dir, sqlite } = freshWorkspace();
    sqlite.close();
    for (const file of ['lplate.sqlite', 'lplate.sqlite-wal', 'lplate.sqlite-shm'])
      if (existsSync(join(dir, file))) chmodSync(join(dir, file), 0o644);
    opened.push(openWorkspaceDatabase(dir, MIGRATIONS_DIR).sqlite);
    expect((statSync(join(dir, 'lplate.sqlite')).mode & 0o777).toString(8)).toBe('600');
  });

  it('applies migrations once and records their hashes', () => {
    const { sqlite } = freshWorkspace();
    const again = migrate(sqlite, MIGRATIONS_DIR);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(2);
  });

  it('refuses to open a workspace whose safeguard triggers were dropped or rewritten, naming them', () => {
    const { dir, sqlite } = freshWorkspace();
    sqlite.exec('DROP TRIGGER audit_logs_no_delete');
    sqlite.exec('DROP TRIGGER audit_logs_no_update');
    sqlite.exec('CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs WHEN 0 BEGIN SELECT 1; END');
    sqlite.close();
    expect(() => openWorkspaceDatabase(dir, MIGRATIONS_DIR)).toThrow(TriggerIntegrityError);
    expect(() => openWorkspaceDatabase(dir, MIGRATIONS_DIR)).toThrow(
      /missing: audit_logs_no_delete; changed: audit_logs_no_update/,
    );
  });

  it('checks every trigger a new workspace has (audit log, Stripe writes, codes, workspace id), and no other', () => {
    const { sqlite } = freshWorkspace();
    const present = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .pluck()
      .all() as string[];
    expect([...expectedTriggers(MIGRATIONS_DIR).keys()].sort()).toEqual(present);
    expect(present).toEqual(
      expect.arrayContaining([
        'audit_logs_no_update',
        'audit_logs_no_delete',
        'audit_logs_no_replace',
        'stripe_requests_fixed_dependency',
        'code_definitions_no_delete',
        'code_definitions_fixed',
        'workspace_identity_fixed',
      ]),
    );
  });

  it('stops start-up with a clear error when an applied migration was edited afterwards', () => {
    const migrations = mkdtempSync(join(tmpdir(), 'lplate-mig-'));
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'lplate-db-'));
    openWorkspaceDatabase(dir, migrations).sqlite.close();
    appendFileSync(join(migrations, '0000_init.sql'), '\n-- a later edit\n');
    expect(() => openWorkspaceDatabase(dir, migrations)).toThrow(MigrationError);
    expect(() => openWorkspaceDatabase(dir, migrations)).toThrow(/0000_init was edited after it was applied/);
  });
});
