// The JSON control API under /_sim/… (clock, faults, test helpers, summary, scenario) for tests, CLI and demo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorControl } from '../control';
import type { ScenarioResult } from '../scenario/types';
import type { FaultSpec } from './faults';
import type { PayoutSchedule } from '../state/records';
import type { Permissions } from './permissions';
import { StripeApiError } from '../core/errors';

export interface ControlDeps {
  control: () => SimulatorControl;
  scenario: () => ScenarioResult | undefined;
  save: () => void;
}

type Json = Record<string, unknown>;
type Handler = (body: Json, m: RegExpMatchArray) => unknown;

export const CONTROL_ROUTES: {
  method: string;
  path: RegExp;
  doc: string;
  handler: (c: SimulatorControl, deps: ControlDeps) => Handler;
}[] = [
  {
    method: 'GET',
    path: /^\/_sim\/summary$/,
    doc: 'balances, object counts, transfers by destination',
    handler: (c) => () => c.summary(),
  },
  { method: 'GET', path: /^\/_sim\/clock$/, doc: '{ now, iso }', handler: (c) => () => clock(c) },
  {
    method: 'POST',
    path: /^\/_sim\/clock\/advance$/,
    doc: '{ seconds } → { now, iso }',
    handler: (c) => (b) => (c.advance(num(b.seconds, 'seconds')), clock(c)),
  },
  {
    method: 'POST',
    path: /^\/_sim\/clock\/jump$/,
    doc: '{ to: ISO date | epoch seconds } → { now, iso }',
    handler: (c) => (b) => (c.jumpTo(typeof b.to === 'number' ? b.to : String(b.to)), clock(c)),
  },
  {
    method: 'POST',
    path: /^\/_sim\/payout-schedule$/,
    doc: '{ schedule: daily|weekly|manual, account? } → { ok }',
    handler: (c) => (b) => (
      c.setPayoutSchedule(b.schedule as PayoutSchedule, typeof b.account === 'string' ? b.account : null),
      { ok: true }
    ),
  },
  {
    method: 'GET',
    path: /^\/_sim\/faults$/,
    doc: 'the current fault spec',
    handler: (c) => () => c.faultSpec(),
  },
  {
    method: 'POST',
    path: /^\/_sim\/faults$/,
    doc: 'FaultSpec → { ok }',
    handler: (c) => (b) => (c.setFaults(b as FaultSpec), { ok: true }),
  },
  {
    method: 'DELETE',
    path: /^\/_sim\/faults$/,
    doc: 'clear faults',
    handler: (c) => () => (c.clearFaults(), { ok: true }),
  },
  {
    method: 'POST',
    path: /^\/_sim\/accounts\/([^/]+)\/restrict$/,
    doc: '{ reason? } → account',
    handler: (c) => (b, m) => c.restrictAccount(m[1]!, typeof b.reason === 'string' ? b.reason : undefined),
  },
  {
    method: 'POST',
    path: /^\/_sim\/accounts\/([^/]+)\/unrestrict$/,
    doc: '→ account (payouts and transfers enabled again)',
    handler: (c) => (_b, m) => c.unrestrictAccount(m[1]!),
  },
  {
    method: 'POST',
    path: /^\/_sim\/transfers\/fail-next$/,
    doc: 'the next transfer is refused (balance_insufficient) → { ok }',
    handler: (c) => () => (c.failNextTransfer(), { ok: true }),
  },
  {
    method: 'POST',
    path: /^\/_sim\/reversals\/fail-next$/,
    doc: "the next transfer reversal is refused (destination's balance too low) → { ok }",
    handler: (c) => () => (c.failNextReversal(), { ok: true }),
  },
  {
    method: 'POST',
    path: /^\/_sim\/refunds\/next$/,
    doc: '{ outcome: pending|failed } → { ok }',
    handler: (c) => (b) => (c.nextRefund(b.outcome as 'pending' | 'failed'), { ok: true }),
  },
  {
    method: 'POST',
    path: /^\/_sim\/restricted-keys$/,
    doc: '{ key: rk_test_…, permissions: { <resource>: none|read|write } } → { ok }',
    handler: (c) => (b) => {
      if (typeof b.key !== 'string' || typeof b.permissions !== 'object' || b.permissions === null)
        throw new Error('key (string) and permissions (object) are required');
      c.registerRestrictedKey(b.key, b.permissions as Permissions);
      return { ok: true };
    },
  },
  {
    method: 'POST',
    path: /^\/_sim\/refunds\/([^/]+)\/fail$/,
    doc: '→ refund',
    handler: (c) => (_b, m) => c.failRefund(m[1]!),
  },
  {
    method: 'POST',
    path: /^\/_sim\/charges\/([^/]+)\/dispute$/,
    doc: '→ dispute',
    handler: (c) => (_b, m) => c.openDispute(m[1]!),
  },
  {
    method: 'POST',
    path: /^\/_sim\/disputes\/([^/]+)\/close$/,
    doc: '{ outcome: won|lost } → dispute',
    handler: (c) => (b, m) => {
      if (b.outcome !== 'won' && b.outcome !== 'lost') throw new Error('outcome must be won or lost');
      return c.closeDispute(m[1]!, b.outcome);
    },
  },
  {
    method: 'POST',
    path: /^\/_sim\/payouts$/,
    doc: '{ amount?, account? } → payout | null',
    handler: (c) => (b) =>
      c.createPayout(
        b.amount === undefined ? undefined : num(b.amount, 'amount'),
        typeof b.account === 'string' ? b.account : null,
      ),
  },
  {
    method: 'POST',
    path: /^\/_sim\/payouts\/([^/]+)\/fail$/,
    doc: '→ payout',
    handler: (c) => (_b, m) => c.failPayout(m[1]!),
  },
  {
    method: 'GET',
    path: /^\/_sim\/scenario$/,
    doc: 'scenario summary: instructors, anomalies, counts',
    handler: (_c, d) => () => {
      const s = d.scenario();
      if (!s) return null;
      const { completions: _rows, learners: _l, completionsCsv: _csv, ...rest } = s;
      return rest;
    },
  },
  {
    method: 'POST',
    path: /^\/_sim\/persist$/,
    doc: 'save state to the --persist file now',
    handler: (_c, d) => () => (d.save(), { ok: true }),
  },
];

function num(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} must be a number`);
  return v;
}

function clock(c: SimulatorControl) {
  return { now: c.now(), iso: new Date(c.now() * 1000).toISOString() };
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  url: URL,
): void {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' && url.pathname === '/_sim/scenario/completions.csv') {
    const s = deps.scenario();
    if (!s) return reply(res, 404, { error: { message: 'no scenario loaded' } });
    const csv = s.completionsCsv();
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': Buffer.byteLength(csv),
    });
    res.end(csv);
    return;
  }
  if (method === 'GET' && url.pathname === '/_sim') {
    return reply(
      res,
      200,
      CONTROL_ROUTES.map((r) => ({ method: r.method, path: r.path.source, doc: r.doc })),
    );
  }
  for (const route of CONTROL_ROUTES) {
    const m = url.pathname.match(route.path);
    if (!m || route.method !== method) continue;
    try {
      const json = body ? (JSON.parse(body) as Json) : {};
      const value = route.handler(deps.control(), deps)(json, m);
      if (method !== 'GET') deps.save();
      return reply(res, 200, value);
    } catch (err) {
      if (err instanceof StripeApiError) return reply(res, err.status, { error: err.body });
      return reply(res, 400, {
        error: { type: 'invalid_request_error', message: err instanceof Error ? err.message : String(err) },
      });
    }
  }
  reply(res, 404, {
    error: { type: 'invalid_request_error', message: `Unknown control route ${method} ${url.pathname}` },
  });
}
