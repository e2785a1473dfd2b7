// The audit export after a real sync against the simulator: under each sync batch entry, one row per change it holds
// that the filters select (entity, old and new values, root, the batch's seq), in CSV and XLSX alike, kept to what
// support may read, formulas defused, and the job's counts equal to the rows written.
import type ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/contract';
import { auditSheet } from '../../../src/main/audit-log/export';
import { auditScope } from '../../../src/main/audit/scope';
import { SyncBatchAudit } from '../../../src/main/audit/sync-batch';
import { csvOf, sheetOf, type Filters } from '../../fixtures/export-files';
import { count, FIXED_NOW, runJob } from '../sync/harness';
import { syncedWorkspace } from '../sync/workspace';

/** A partly refunded payment: its creation and its refund are changes of two batches. */
let payment: { id: string; pi: string };
/** Finance's name, which the Operator column of every entry finance made carries. */
const FORMULA = '=HYPERLINK("http://x.test")';

const w = syncedWorkspace({
  seed: 43,
  operators: [
    { username: 'fin', name: FORMULA, role: 'finance' },
    { username: 'sup', name: 'Sue Port', role: 'support' },
  ],
  then: async (c, sim) => {
    payment = c.core.services.sqlite
      .prepare(
        `SELECT id, stripe_payment_intent_id AS pi FROM payments
         WHERE status = 'succeeded' AND amount_refunded_pence = 0 ORDER BY id LIMIT 1`,
      )
      .get() as typeof payment;
    const stripe = w.stripe();
    await stripe.refunds.create({ payment_intent: payment.pi, amount: 100 });
    sim.control.advance(60);
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
  },
});

const sqlite = () => w.c.core.services.sqlite;
const SUPPORT_TYPES = ['payment', 'refund', 'lesson_completion'];

/** A file's rows as records by header, whichever the format. */
type Row = Record<string, unknown>;

async function csvRows(who: 'fin' | 'sup', filters: Filters<'audit.export'>) {
  const csv = await csvOf(w.c.core, who, 'audit.export', filters);
  const rows = csv.rows.map((r) =>
    Object.fromEntries(csv.header.map((h, i) => [h, r[i] === '' ? null : r[i]!])),
  );
  countsMatch(who, filters, csv.job, rows);
  return rows as Row[];
}

async function xlsxRows(who: 'fin' | 'sup', filters: Filters<'audit.export'>) {
  const { ws, job } = await sheetOf(w.c.core, who, 'audit.export', filters);
  const header = (ws.getRow(1).values as string[]).slice(1);
  const rows: Row[] = [];
  ws.eachRow((row: ExcelJS.Row, n) => {
    if (n === 1) return;
    rows.push(
      Object.fromEntries(
        header.map((h, i) => {
          const v = row.getCell(i + 1).value;
          return [h, v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : v];
        }),
      ),
    );
  });
  countsMatch(who, filters, job, rows);
  return rows;
}

/**
 * The rows the job counted before it began (the total its progress showed: a job that ends sets its total to what it
 * did, so the count is read again here, as it was, with nothing written since) and the rows it wrote: the file's.
 */
function countsMatch(who: 'fin' | 'sup', filters: Filters<'audit.export'>, job: JobProgress, rows: Row[]) {
  const scope = auditScope(who === 'fin' ? 'finance' : 'support');
  expect(auditSheet(sqlite(), filters, scope).count()).toBe(rows.length);
  expect(job.parts).toEqual([{ name: 'Audit log', done: rows.length, total: rows.length }]);
}

const changesOf = (rows: Row[]) => rows.filter((r) => r.Kind === 'change');
const entriesOf = (rows: Row[]) => rows.filter((r) => r.Kind === 'entry');
const values = (text: unknown) => JSON.parse(String(text)) as Record<string, unknown>;

/** A payment's history as the file tells it: its changes, each under the batch entry (with a hash) of its seq. */
function paymentHistory(rows: Row[]) {
  const mine = changesOf(rows).filter((r) => r['Entity id'] === payment.id);
  for (const change of mine) {
    const entry = rows.findLast((r, i) => i < rows.indexOf(change) && r.Kind === 'entry')!;
    expect(entry).toMatchObject({ Seq: change.Seq, Action: 'sync_batch', Actor: 'sync' });
    expect(entry.Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(change).toMatchObject({ 'Entity type': 'payment', Actor: 'sync', Root: `payment:${payment.pi}` });
    expect(change.Hash).toBeNull();
    expect(change.When).toEqual(entry.When);
  }
  return mine;
}

function expectCreatedThenRefunded(mine: Row[]) {
  expect(mine.map((r) => r.Action)).toEqual(['sync_create', 'sync_update']);
  const [created, refunded] = mine as [Row, Row];
  expect(created['Old values']).toBeNull();
  expect(values(created['New values'])).toMatchObject({
    id: payment.id,
    stripe_payment_intent_id: payment.pi,
  });
  expect(values(refunded['Old values'])).toMatchObject({ amount_refunded_pence: 0 });
  expect(values(refunded['New values'])).toMatchObject({ amount_refunded_pence: 100 });
  expect(Number(created.Seq)).toBeLessThan(Number(refunded.Seq));
}

describe('audit.export after a sync', () => {
  it("writes every batch's changes under its entry, a payment's creation and refund with their values", async () => {
    const csv = await csvRows('fin', {});
    // Every entry, and every change of every batch (the export's own entry is written before its rows are read).
    expect(entriesOf(csv)).toHaveLength(count(sqlite(), 'SELECT count(*) FROM audit_logs'));
    expect(changesOf(csv)).toHaveLength(count(sqlite(), 'SELECT count(*) FROM audit_sync_changes'));
    // Each batch entry is followed by its changes, numbered from 1 in the order sync made them.
    const batches = csv.flatMap((r, i) => (r.Action === 'sync_batch' ? [i] : []));
    expect(batches.length).toBeGreaterThan(1);
    for (const i of batches) {
      const said = values(csv[i]!['New values']) as { changes: number };
      const under = csv.slice(i + 1, i + 1 + said.changes);
      expect(under).toHaveLength(said.changes);
      expect(csv[i + 1 + said.changes]?.Kind ?? 'entry').toBe('entry');
      expect(under.map((r) => [r.Kind, r.Seq, r['Change no.']])).toEqual(
        under.map((_, n) => ['change', csv[i]!.Seq, String(n + 1)]),
      );
    }
    expectCreatedThenRefunded(paymentHistory(csv));
    // Text a spreadsheet would run stays text: apostrophed in the CSV, a string cell in the XLSX.
    const cells = csv.flatMap((r) => Object.values(r).map(String));
    expect(cells.filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
    expect(cells).toContain(`'${FORMULA}`);

    const xlsx = await xlsxRows('fin', {});
    expectCreatedThenRefunded(paymentHistory(xlsx));
    expect(entriesOf(xlsx).some((r) => r.Operator === FORMULA)).toBe(true);
  });

  it("keeps to an entity's changes when filtered by its id or its type", async () => {
    const byId = await csvRows('fin', { q: payment.id });
    const listed = await w.call('fin', 'audit.list', {
      q: payment.id,
      pageSize: 500,
      sort: { column: 'seq', direction: 'asc' },
    });
    expect(entriesOf(byId).map((r) => Number(r.Seq))).toEqual(listed.rows.map((e) => e.seq));
    expect(changesOf(byId).every((r) => r['Entity id'] === payment.id)).toBe(true);
    expectCreatedThenRefunded(paymentHistory(byId));
    const byIdXlsx = await xlsxRows('fin', { q: payment.id });
    expect(changesOf(byIdXlsx).map((r) => r['Entity id'])).toEqual([payment.id, payment.id]);
    expectCreatedThenRefunded(paymentHistory(byIdXlsx));

    const byType = await xlsxRows('fin', { entityType: 'payment' });
    const changes = changesOf(byType);
    expect(new Set(changes.map((r) => r['Entity type']))).toEqual(new Set(['payment']));
    expect(changes).toHaveLength(
      count(sqlite(), "SELECT count(*) FROM audit_sync_changes WHERE entity_type = 'payment'"),
    );
    expect(entriesOf(byType)).toHaveLength(
      (await w.call('fin', 'audit.list', { entityType: 'payment' })).total,
    );

    // Filtered on the batches' own type, each batch comes with all its changes.
    const batches = await csvRows('fin', { entityType: 'sync_batch' });
    expect(changesOf(batches)).toHaveLength(count(sqlite(), 'SELECT count(*) FROM audit_sync_changes'));
  });

  it("lists, for a pasted PaymentIntent id or its start, the changes written under the payment's root", async () => {
    const root = `payment:${payment.pi}`;
    const prefix = payment.pi.slice(0, payment.pi.search(/(?<=_.*)[0-9]/) + 1);
    for (const q of [payment.pi, prefix]) {
      const rows = await csvRows('fin', { q });
      const listed = await w.call('fin', 'audit.list', {
        q,
        pageSize: 500,
        sort: { column: 'seq', direction: 'asc' },
      });
      expect(entriesOf(rows).map((r) => Number(r.Seq))).toEqual(listed.rows.map((e) => e.seq));
      // Under each batch found, the changes of the roots whose key begins with the search: the payment's among them.
      const seqs = entriesOf(rows).map((r) => Number(r.Seq));
      const expected = sqlite()
        .prepare(
          `SELECT seq, n + 1 AS no, root FROM audit_sync_changes
           WHERE seq IN (${seqs.map(() => '?').join(', ')}) AND substr(root, instr(root, ':') + 1) >= ?
             AND substr(root, instr(root, ':') + 1) < ? ORDER BY seq, n`,
        )
        .all(...seqs, q, `${q}\uffff`) as { seq: number; no: number; root: string }[];
      expect(changesOf(rows).map((r) => [Number(r.Seq), Number(r['Change no.']), r.Root])).toEqual(
        expected.map((c) => [c.seq, c.no, c.root]),
      );
      expectCreatedThenRefunded(paymentHistory(rows));
      // The learner's user row the payment's root wrote, and its refund; no other payment.
      const mine = changesOf(rows).filter((r) => r.Root === root);
      expect(new Set(mine.map((r) => r['Entity type']))).toEqual(new Set(['user', 'payment', 'refund']));
      const payments = changesOf(rows).filter((r) => r['Entity type'] === 'payment');
      if (q === payment.pi) expect(payments.every((r) => r['Entity id'] === payment.id)).toBe(true);
    }
    // Support's file under the same search: the payment's creation and refund, not the user row.
    const seen = await xlsxRows('sup', { q: payment.pi });
    expect(changesOf(seen).map((r) => r['Entity type'])).toEqual(['payment', 'payment', 'refund']);
    expectCreatedThenRefunded(paymentHistory(seen));
  });

  it('keeps support to the entries and changes it may read', async () => {
    const mine = await csvRows('sup', {});
    expect(entriesOf(mine)).toHaveLength((await w.call('sup', 'audit.list', {})).total);
    const changes = changesOf(mine);
    expect(changes.every((r) => SUPPORT_TYPES.includes(String(r['Entity type'])))).toBe(true);
    expect(changes).toHaveLength(
      count(
        sqlite(),
        `SELECT count(*) FROM audit_sync_changes WHERE entity_type IN (${SUPPORT_TYPES.map(() => '?').join(', ')})`,
        ...SUPPORT_TYPES,
      ),
    );
    expectCreatedThenRefunded(paymentHistory(mine));
    // Finance's file holds changes support's does not (a learner's user row).
    const all = changesOf(await csvRows('fin', {}));
    expect(all.some((r) => r['Entity type'] === 'user')).toBe(true);

    const users = await xlsxRows('sup', { entityType: 'user' });
    expect(users).toEqual([]);
    const sheet = await xlsxRows('sup', { entityType: 'payment' });
    expect(new Set(changesOf(sheet).map((r) => r['Entity type']))).toEqual(new Set(['payment']));
  });

  it('writes a batch of thousands of changes whole, page after page, in their order', async () => {
    // A batch larger than a page of changes (1,000), written as sync writes one, entities of types support reads or not.
    const types = ['payment', 'user', 'refund', 'earning', 'payment'] as const;
    const big = new SyncBatchAudit();
    big.input('evt_big_batch', 'pi_big_batch');
    for (let i = 0; i < 2_500; i++)
      big.change(types[i % 5]!, randomUUID(), 'sync_create', null, { n: i }, `bulk:${i}`);
    sqlite().transaction(() => big.write(sqlite(), FIXED_NOW))();
    const seq = count(sqlite(), "SELECT max(seq) FROM audit_logs WHERE action = 'sync_batch'");

    const under = (rows: Row[]) => changesOf(rows).filter((r) => Number(r.Seq) === seq);
    const all = under(await csvRows('fin', {}));
    expect(all.map((r) => Number(r['Change no.']))).toEqual(Array.from({ length: 2_500 }, (_, n) => n + 1));
    expect(all.map((r) => values(r['New values']).n)).toEqual(Array.from({ length: 2_500 }, (_, n) => n));
    const seen = under(await xlsxRows('sup', {}));
    expect(seen).toHaveLength(1_500);
    expect(seen.every((r) => SUPPORT_TYPES.includes(String(r['Entity type'])))).toBe(true);
  });
});
