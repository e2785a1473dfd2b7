// code_use_counts, each code's uses kept by triggers on payments, always equals counting the payments: through any
// sequence of inserts, status and code changes and deletions, and when the migration fills it for a synced workspace.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDatabase, type Sqlite } from '../../../src/main/db/open';
import { readJournal } from '../../../src/main/db/migrate';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import { USED_STATUSES } from '../../../src/main/codes/projectors/code-uses';
import { Prng } from '../../../src/main/simulator/core/prng';
import { ScreenRows } from '../../fixtures/screen-rows';
import { connectAndSync, openSyncCore, startSmallSimulator } from '../sync/harness';
import { checkedWorkspace } from '../sync/checked-workspace';

/** What the triggers must keep: the payments counted per code, as the codeuses projector counted them before. */
const counted = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      `SELECT 'discount' AS kind, discount_code_id AS code_id, count(*) AS uses FROM payments
       WHERE discount_code_id IS NOT NULL AND status IN ${USED_STATUSES} GROUP BY discount_code_id
       UNION ALL
       SELECT 'referral', referral_code_id, count(*) FROM payments
       WHERE referral_code_id IS NOT NULL AND status IN ${USED_STATUSES} GROUP BY referral_code_id
       ORDER BY 1, 2`,
    )
    .all();
const kept = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT kind, code_id, uses FROM code_use_counts ORDER BY kind, code_id').all();

const STATUSES = ['succeeded', 'partially_refunded', 'refunded', 'disputed', 'failed', 'pending', 'canceled'];

describe('code use counts', () => {
  it('equal the payments counted after every insert, status or code change and deletion (seeded walks)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { sqlite } = openWorkspaceDatabase(
        mkdtempSync(join(tmpdir(), 'lplate-code-uses-')),
        MIGRATIONS_DIR,
      );
      const rows = new ScreenRows(sqlite, Date.UTC(2026, 0, 5));
      const learner = rows.user('Learner One');
      const instructor = rows.instructor('Instructor One', 4000);
      const discounts = [rows.discountCode('TENOFF', 10), rows.discountCode('TWENTY', 20)];
      const referrals = ['REF-A', 'REF-B'].map((code) => {
        const id = `ref-${code}`;
        sqlite
          .prepare(
            `INSERT INTO referral_codes (id, code, referrer_id, discount_percentage, max_uses, is_active, created_at, updated_at)
             VALUES (?, ?, ?, 10, 100, 1, 0, 0)`,
          )
          .run(id, code, learner);
        return id;
      });
      const prng = new Prng(seed);
      /** A payment holds one code at most: a discount, a referral or none. */
      const someCode = () => {
        const roll = prng.int(0, 2);
        return {
          discount: roll === 0 ? prng.pick(discounts) : null,
          referral: roll === 1 ? prng.pick(referrals) : null,
        };
      };
      const setCode = sqlite.prepare(
        'UPDATE payments SET discount_code_id = @discount, referral_code_id = @referral WHERE id = @id',
      );
      const payments: string[] = [];
      for (let step = 0; step < 300; step++) {
        const roll = prng.int(0, 9);
        if (payments.length === 0 || roll < 4) {
          const code = someCode();
          const id = rows.payment({
            learnerId: learner,
            instructorId: instructor,
            createdAt: Date.UTC(2026, 0, 5) + step,
            totalPence: 4000,
            feePence: 720,
            status: prng.pick(STATUSES),
            discountCodeId: code.discount,
          });
          if (code.referral) setCode.run({ ...code, id });
          payments.push(id);
        } else if (roll < 6) {
          sqlite
            .prepare('UPDATE payments SET status = ? WHERE id = ?')
            .run(prng.pick(STATUSES), prng.pick(payments));
        } else if (roll < 8) {
          const id = prng.pick(payments);
          setCode.run({ ...someCode(), id });
          if (prng.chanceBps(5000))
            sqlite.prepare('UPDATE payments SET status = ? WHERE id = ?').run(prng.pick(STATUSES), id);
        } else if (roll < 9) {
          // A write that changes nothing the count reads.
          sqlite.prepare('UPDATE payments SET hours = hours + 1 WHERE id = ?').run(prng.pick(payments));
        } else {
          const id = payments.splice(prng.int(0, payments.length - 1), 1)[0]!;
          sqlite.prepare('DELETE FROM payments WHERE id = ?').run(id);
        }
        expect(kept(sqlite), `seed ${seed}, step ${step}`).toEqual(counted(sqlite));
      }
      expect(kept(sqlite).length).toBeGreaterThan(0);
      // Counts that reach 0 are gone, not kept as zeros.
      expect(sqlite.prepare('SELECT count(*) FROM code_use_counts WHERE uses <= 0').pluck().get()).toBe(0);
      sqlite.close();
    }
  });

  const ws = checkedWorkspace();

  it("are filled by the migration from a synced workspace's payments", async () => {
    const sim = (ws.sim = await startSmallSimulator(23));
    const dir = mkdtempSync(join(tmpdir(), 'lplate-code-uses-migration-'));
    ws.open = await openSyncCore(sim.port, { dir });
    expect((await connectAndSync(ws.open.core))?.state).toBe('done');
    let sqlite = ws.open.core.services.sqlite;
    const synced = kept(sqlite);
    expect(synced.length).toBeGreaterThan(0);
    expect(synced).toEqual(counted(sqlite));

    const tag = readJournal(MIGRATIONS_DIR).find((e) => e.tag.endsWith('_code_use_counts'))!.tag;
    sqlite.exec(`DROP TRIGGER code_use_counts_insert; DROP TRIGGER code_use_counts_delete;
      DROP TRIGGER code_use_counts_update; DROP TABLE code_use_counts;`);
    sqlite.prepare('DELETE FROM schema_migrations WHERE tag = ?').run(tag);
    ws.open.close();
    ws.open = await openSyncCore(sim.port, { dir });
    sqlite = ws.open.core.services.sqlite;

    expect(kept(sqlite)).toEqual(synced);
  });
});
