// Creating codes end to end: the contract validates, the definition, its audit row and its Stripe writes commit
// together, the outbox makes the coupon and the promotion code in Stripe (the simulator), and the code shows in step.
// Also: one code per text under concurrent desks and processes, and a batch of 1,000.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { londonMidnight } from '../../../src/shared/dates';
import { PROJECTION } from '../../../src/main/domains';
import { count, OPERATOR_PASSWORD } from '../sync/harness';
import { runScript } from '../../faults/child-process';
import { codesWorkspace, FIN, MAN, SUP } from './workspace';

const CHILD = fileURLToPath(new URL('./create-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lplate-codes-'));
// Registered first, so it runs after the workspace has closed.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const w = codesWorkspace(95, [FIN, MAN, SUP], { dir });
const { call, row, promotionsWith } = w;
const wait = (jobId: string) => w.ended(jobId);

const valid = {
  kind: 'discount' as const,
  code: 'VALID-10',
  percentage: 10,
  maxUses: 5,
  expiresOn: '2027-01-31',
};

/** What a refused call must leave untouched. */
const records = () => {
  const { sqlite } = w.c.core.services;
  return [
    'code_definitions',
    'stripe_requests',
    'audit_logs',
    'jobs',
    'discount_codes',
    'referral_codes',
  ].map((t) => count(sqlite, `SELECT count(*) FROM ${t}`));
};

describe('creating a code', () => {
  it('records it, mirrors it to Stripe as a coupon and a promotion code, and shows it in step', async () => {
    const created = await call('fin', 'codes.create', {
      kind: 'discount',
      code: ' spring-25 ',
      percentage: 25,
      maxUses: 100,
      expiresOn: '2027-03-31',
      note: 'Spring campaign',
    });
    expect(created.code).toBe('SPRING-25');
    const job = await wait(created.jobId);
    expect(job).toMatchObject({ title: 'Create SPRING-25 in Stripe', state: 'done', startedBy: 'Fin Ance' });
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Create the 25% coupon', 'succeeded'],
      ['Create SPRING-25', 'succeeded'],
    ]);
    expect(w.sim.state.coupons.get('lplate-percent-25')).toMatchObject({ percentOff: 25, duration: 'once' });
    const [promo, ...others] = promotionsWith('SPRING-25');
    expect(others).toEqual([]);
    expect(promo).toMatchObject({
      couponId: 'lplate-percent-25',
      active: true,
      maxRedemptions: 100,
      expiresAt: londonMidnight('2027-04-01') / 1000,
      metadata: { lplate_code_id: created.codeId, lplate_code_kind: 'discount' },
    });
    expect(await row('SPRING-25')).toMatchObject({
      id: created.codeId,
      percentage: 25,
      maxUses: 100,
      usesCount: 0,
      expiresOn: '2027-03-31',
      isActive: true,
      status: 'active',
      createdBy: 'Fin Ance',
      revenuePence: 0,
      stripe: { state: 'in_step' },
      stripePromotionCodeId: promo!.id,
      flags: [],
    });
    const audit = w.c.core.services.sqlite
      .prepare(
        "SELECT action, new_values FROM audit_logs WHERE entity_id = ? AND actor = 'operator' ORDER BY seq",
      )
      .all(created.codeId) as { action: string; new_values: string }[];
    expect(audit.map((a) => a.action)).toEqual(['created']);
    expect(JSON.parse(audit[0]!.new_values)).toEqual({
      code: 'SPRING-25',
      percentage: 25,
      max_uses: 100,
      expires_on: '2027-03-31',
      note: 'Spring campaign',
    });
    // A workspace from before code definitions projects again every code text Stripe has (migration 0011's roots).
    const roots = PROJECTION.rootsAfterMigrations(w.c.core.services.sqlite, ['0011_code_definitions']);
    expect(roots).toContain('codetext:SPRING-25');
    expect(roots).toContain(`codeuses:${created.codeId}`);
  });

  it('makes a referral code naming its referrer, on the coupon its percentage already has', async () => {
    const referrer = w.sim.scenario!.learners[3]!;
    const [match] = await call('fin', 'people.search', { q: referrer.name.slice(0, 5) });
    expect(match).toBeDefined();
    const created = await call('man', 'codes.create', {
      kind: 'referral',
      code: 'FRIEND-25',
      percentage: 25,
      maxUses: null,
      expiresOn: null,
      referrerId: referrer.id,
    });
    const job = await wait(created.jobId);
    expect(job.items.map((i) => i.label)).toEqual(['Create FRIEND-25']);
    expect(promotionsWith('FRIEND-25')[0]).toMatchObject({
      couponId: 'lplate-percent-25',
      maxRedemptions: null,
      expiresAt: null,
      metadata: { lplate_code_kind: 'referral', lplate_referrer_id: referrer.id },
    });
    expect(await row('FRIEND-25', 'referral')).toMatchObject({
      referrer: { id: referrer.id, name: referrer.name },
      maxUses: null,
      createdBy: 'Mandy Ager',
      stripe: { state: 'in_step' },
    });
  });

  const refusals: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['a code too short', { code: 'AB1' }, 'validation', 'code', /4 to 32 characters/],
    ['a code too long', { code: 'A'.repeat(33) }, 'validation', 'code', /4 to 32 characters/],
    ['a space', { code: 'SAVE 10' }, 'validation', 'code', /letters A–Z, digits and dashes/],
    ['an underscore', { code: 'SAVE_10' }, 'validation', 'code', /letters A–Z/],
    ['an accent', { code: 'ÉTÉ-10' }, 'validation', 'code', /letters A–Z/],
    ['a leading dash', { code: '-SAVE10' }, 'validation', 'code', /start with a letter or a digit/],
    [
      'a duplicate of a console code, in another case',
      { code: 'spring-25' },
      'conflict',
      'code',
      /SPRING-25 already exists/,
    ],
    [
      'a code only Stripe has',
      { code: 'Welcome10' },
      'conflict',
      'code',
      /WELCOME10 already exists in Stripe/,
    ],
    ['0%', { percentage: 0 }, 'validation', 'percentage', /at least 1%/],
    ['101%', { percentage: 101 }, 'validation', 'percentage', /at most 100%/],
    ['12.5%', { percentage: 12.5 }, 'validation', 'percentage', /whole number/],
    ['no uses', { maxUses: 0 }, 'validation', 'maxUses', /at least 1/],
    ['a fraction of a use', { maxUses: 1.5 }, 'validation', 'maxUses', /whole number/],
    [
      'an expiry in the past',
      { expiresOn: '2026-11-24' },
      'validation',
      'expiresOn',
      /is in the past \(today is Wed 25 Nov 2026\)/,
    ],
    [
      'a date not in the calendar',
      { expiresOn: '2027-02-30' },
      'validation',
      'expiresOn',
      /is not a day that exists/,
    ],
    ['a date in another format', { expiresOn: '31/01/2027' }, 'validation', 'expiresOn', /YYYY-MM-DD/],
    [
      'a referral code without a referrer',
      { kind: 'referral' },
      'validation',
      'referrerId',
      /names its referrer/,
    ],
    [
      'an unknown referrer',
      { kind: 'referral', referrerId: '00000000-0000-4000-8000-000000000001' },
      'validation',
      'referrerId',
      /not known to the console/,
    ],
    [
      'a discount code with a referrer',
      { referrerId: '00000000-0000-4000-8000-000000000001' },
      'validation',
      'referrerId',
      /no referrer/,
    ],
    ['an unknown field', { colour: 'red' }, 'validation', '', /colour/],
  ];
  it.each(refusals)(
    'refuses %s with a clear error on its field, changing nothing',
    async (_, bad, code, field, message) => {
      const before = records();
      const r = await w.c.core.dispatcher.call('fin', 'codes.create', { ...valid, ...bad });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
      const issues =
        (r.error.details as { issues?: { path: (string | number)[] }[] } | undefined)?.issues ?? [];
      if (field) expect(issues.map((i) => i.path[0])).toContain(field);
      expect(records()).toEqual(before);
    },
  );

  it('lets finance and managers create codes, not support or admin', async () => {
    const before = records();
    for (const conn of ['sup', 'admin'])
      expect(await w.c.core.dispatcher.call(conn, 'codes.create', valid)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(records()).toEqual(before);
  });
});

describe('one code per text', () => {
  it('lets one of ten desks calling at once create a code, and tells the others it exists', async () => {
    const texts = ['RACE-ONE', 'race-one', 'Race-One', 'RACE-one', 'race-ONE'];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.c.core.dispatcher.call(i % 2 ? 'fin' : 'man', 'codes.create', { ...valid, code: texts[i % 5]! }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({
        error: { code: 'conflict', message: expect.stringMatching(/RACE-ONE already exists/) },
      });
    const { sqlite } = w.c.core.services;
    expect(count(sqlite, "SELECT count(*) FROM code_definitions WHERE code = 'RACE-ONE'")).toBe(1);
  });

  it('lets one of four console processes on the same workspace create it, at the same instant', async () => {
    // One operator per process: sign-ins for one name at the same moment would meet its throttle instead.
    const desks = ['fin1', 'fin2', 'fin3', 'fin4'];
    for (const username of desks)
      await call('admin', 'operators.add', {
        username,
        name: `Desk ${username}`,
        email: `${username}@lplate.test`,
        role: 'finance',
        password: OPERATOR_PASSWORD,
      });
    const startAt = Date.now() + 4_000;
    const runs = await Promise.all(
      desks.map(async (username) => {
        const run = await runScript<{ ok: boolean; error?: { code: string; message: string } }>(CHILD, {
          LPLATE_CODE_ARGS: JSON.stringify({
            dir,
            port: w.sim.port,
            username,
            code: 'RACE-TWO',
            startAt,
          }),
        });
        if (!run.out) throw new Error(run.stderr);
        return { ...run.out, stderr: run.stderr };
      }),
    );
    expect(runs.filter((r) => r.ok)).toHaveLength(1);
    for (const r of runs.filter((r) => !r.ok))
      expect(r.error, r.stderr).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/RACE-TWO (already exists|was just created)/),
      });
    const { sqlite } = w.c.core.services;
    expect(count(sqlite, "SELECT count(*) FROM code_definitions WHERE code = 'RACE-TWO'")).toBe(1);
    expect(
      count(
        sqlite,
        "SELECT count(*) FROM stripe_requests WHERE kind = 'promotion_code.create' AND description = 'Create RACE-TWO'",
      ),
    ).toBe(1);
    // This process holds the workspace's writer lease: it sends what the winner committed.
    await expect.poll(() => promotionsWith('RACE-TWO').length, { timeout: 30_000 }).toBe(1);
  }, 60_000);
});

describe('generating a batch', () => {
  it('makes 1,000 distinct codes with a prefix, all in Stripe, as one job, downloadable as CSV', async () => {
    const { batchId, jobId, codes } = await call('fin', 'codes.generate', {
      prefix: 'bulk',
      count: 1000,
      percentage: 30,
      maxUses: 1,
      expiresOn: '2027-06-30',
    });
    expect(new Set(codes).size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^BULK-[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    const job = await wait(jobId);
    expect(job).toMatchObject({ title: 'Create 1,000 BULK codes in Stripe', state: 'done' });
    const inStripe = w.sim.state.promotionCodes.items.filter((p) => p.code.startsWith('BULK-'));
    expect(inStripe).toHaveLength(1000);
    expect(new Set(inStripe.map((p) => p.code))).toEqual(new Set(codes));
    expect(new Set(inStripe.map((p) => p.metadata.lplate_code_id)).size).toBe(1000);
    expect(inStripe.every((p) => p.couponId === 'lplate-percent-30' && p.maxRedemptions === 1)).toBe(true);
    const { sqlite } = w.c.core.services;
    expect(
      count(
        sqlite,
        "SELECT count(*) FROM stripe_requests WHERE job_id = ? AND kind = 'coupon.create'",
        jobId,
      ),
    ).toBe(1);
    expect(
      count(
        sqlite,
        "SELECT count(*) FROM discount_codes WHERE code LIKE 'BULK-%' AND stripe_promotion_code_id IS NOT NULL",
      ),
    ).toBe(1000);

    const file = await call('sup', 'codes.batchCsv', { batchId });
    const lines = file.csv.trim().split('\r\n');
    expect(file.filename).toBe('codes-bulk-2026-11-25.csv');
    expect(lines[0]).toBe('Code,Percent off,Max uses,Expires (last day),Active,Stripe');
    expect(lines).toHaveLength(1001);
    expect(lines[1]).toBe(`${codes[0]},30,1,2027-06-30,yes,in Stripe`);
    const everything = await call('sup', 'codes.csv', {
      kind: 'discount',
      q: 'bulk-',
      sort: { column: 'code', direction: 'asc' },
    });
    const rows = everything.csv.trim().split('\r\n');
    expect(rows[0]).toBe(
      'Code,Percent off,Uses,Max uses,Expires (last day),Status,Stripe,Revenue (GBP),Created by,Created',
    );
    expect(rows.slice(1)).toEqual(
      codes.map((code) => `${code},30,0,1,2027-06-30,active,in Stripe,0.00,Fin Ance,2026-11-25`),
    );
    const listed = await call('fin', 'codes.list', { kind: 'discount', q: 'BULK-', pageSize: 500 });
    expect(listed.total).toBe(1000);
    expect(listed.rows.every((r) => r.stripe.state === 'in_step' && r.batchId === batchId)).toBe(true);
  }, 120_000);

  it('refuses a batch too large, a prefix too long, with spaces or a leading dash, changing nothing', async () => {
    const before = records();
    const base = { prefix: 'OK', count: 2, percentage: 10, maxUses: null, expiresOn: null };
    for (const [bad, field] of [
      [{ count: 1001 }, 'count'],
      [{ count: 0 }, 'count'],
      [{ prefix: 'A'.repeat(26) }, 'prefix'],
      [{ prefix: 'NEW YEAR' }, 'prefix'],
      [{ prefix: '--' }, 'prefix'],
    ] as const) {
      const r = await w.c.core.dispatcher.call('fin', 'codes.generate', { ...base, ...bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
      if (!r.ok) expect((r.error.details as { issues: { path: string[] }[] }).issues[0]!.path[0]).toBe(field);
    }
    expect(records()).toEqual(before);
  });
});
