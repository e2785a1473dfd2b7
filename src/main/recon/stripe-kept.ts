// The Stripe side of a run, read whole once and then kept: a later run reads from Stripe only its event log since the
// kept cursor, the objects created since the kept read began, and the balance transactions of payouts that are new
// or changed, so its cost grows with what changed in Stripe, not with the period. Why that equals a whole read:
// docs/reconciliation.md, "Reading Stripe once". The background refresh (kept-warm.ts) keeps it over a rolling span,
// which moves forward by dropping what falls out of it and listing what comes into it.
import type Stripe from 'stripe';
import type { Sqlite } from '../db/open';
import type { StripeGateway } from '../stripe/gateway';
import type { Span } from './period';
import {
  bankPayout,
  chargeFields,
  createdRanges,
  listCut,
  readBalance,
  readStripeSide,
  transferFields,
  type OnPage,
  type StripeBankPayout,
  type StripeCharge,
  type StripeSide,
  type StripeTransfer,
} from './stripe-side';

/** How long Stripe lists an event (https://docs.stripe.com/api/events): a cursor older than this may have gaps. */
export const STRIPE_EVENT_RETENTION_S = 30 * 86_400;
/** A kept read is used while younger than the retention less this margin, so no event expires while it is read. */
const RETENTION_MARGIN_S = 86_400;
/** Objects created this long before the kept read began are listed again (clocks and in-flight requests). */
const CREATED_OVERLAP_S = 300;
/**
 * The events that change a compared field: of charges (with their refunds and disputes), transfers and payouts.
 * Named one by one, as Stripe takes at most 20 names and no wildcard in `types`.
 */
const EVENT_TYPES = [
  'charge.succeeded',
  'charge.failed',
  'charge.pending',
  'charge.captured',
  'charge.refunded',
  'charge.updated',
  'charge.refund.updated',
  'charge.dispute.created',
  'charge.dispute.closed',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'transfer.created',
  'transfer.updated',
  'transfer.reversed',
  'payout.created',
  'payout.updated',
  'payout.paid',
  'payout.failed',
  'payout.canceled',
];
const EVENTS = 'GET /v1/events';

export interface StripeRead {
  side: StripeSide;
  /** When the kept read this run brought up to date had ended (epoch ms, Stripe's clock); null: read whole. */
  changesSince: number | null;
}

interface KeptHeader {
  spanStart: number;
  spanEnd: number;
  cursor: string | null;
  readAt: number;
  endedAt: number;
  /** Kept by the background refresh: a run's whole read of another period does not replace it. */
  background: boolean;
}

interface Kept {
  charge: Map<string, StripeCharge>;
  transfer: Map<string, StripeTransfer>;
  payout: Map<string, StripeBankPayout>;
}
type Kind = keyof Kept;

const byCreated = <T extends { id: string; created: number }>(objects: Iterable<T>) =>
  [...objects].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The side of `span` out of a kept read covering it, in one order whichever way it was read. */
function sideOf(kept: Kept, span: Span, balance: Pick<StripeSide, 'balancePence' | 'balanceAt'>): StripeSide {
  const { seconds, wide } = createdRanges(span);
  const inside = (r: { gte: number; lt: number }) => (o: { created: number }) =>
    o.created >= r.gte * 1000 && o.created < r.lt * 1000;
  return {
    charges: byCreated(kept.charge.values()).filter(inside(wide)),
    transfers: byCreated(kept.transfer.values()).filter(inside(seconds)),
    payouts: byCreated(kept.payout.values()).filter(inside(seconds)),
    ...balance,
  };
}

export function keptHeader(sqlite: Sqlite): KeptHeader | undefined {
  const row = sqlite
    .prepare(
      `SELECT span_start AS spanStart, span_end AS spanEnd, event_cursor AS cursor, read_at AS readAt,
              ended_at AS endedAt, background FROM recon_stripe_read WHERE id = 1`,
    )
    .get() as (Omit<KeptHeader, 'background'> & { background: number }) | undefined;
  return row && { ...row, background: row.background === 1 };
}

const spanOfHeader = (h: KeptHeader): Span => ({ start: h.spanStart, end: h.spanEnd });

/**
 * The kept read's header, and its objects when `wanted` says so, read in one transaction: both of the same read. A
 * refresh, which gives no side, needs only the payouts (to tell which changed).
 */
function keptSnapshot(sqlite: Sqlite, wanted: (header: KeptHeader) => boolean, payoutsOnly = false) {
  return sqlite.transaction((): { header?: KeptHeader; kept?: Kept } => {
    const header = keptHeader(sqlite);
    return header && wanted(header) ? { header, kept: keptObjects(sqlite, payoutsOnly) } : { header };
  })();
}

/** Whether a kept object lies inside the span as a run reads it (charges a day wider). */
function inSpan(span: Span) {
  const { seconds, wide } = createdRanges(span);
  return (kind: Kind, created: number) => {
    const r = kind === 'charge' ? wide : seconds;
    return created >= r.gte * 1000 && created < r.lt * 1000;
  };
}

type Row = [
  kind: Kind,
  id: string,
  created: number,
  amount: number,
  status: string | null,
  paymentIntent: string | null,
  amountRefunded: number | null,
  disputed: number | null,
  amountReversed: number | null,
  destination: string | null,
  automatic: number | null,
  carriedPence: number | null,
  carriedCount: number | null,
];
const COLUMNS = `kind, id, created, amount, status, payment_intent, amount_refunded, disputed, amount_reversed,
  destination, automatic, carried_pence, carried_count`;

/** The kept objects (or only the payouts), each kind's compared fields read from its own columns. */
function keptObjects(sqlite: Sqlite, payoutsOnly: boolean): Kept {
  const kept: Kept = { charge: new Map(), transfer: new Map(), payout: new Map() };
  const where = payoutsOnly ? ` WHERE kind = 'payout'` : '';
  const rows = sqlite.prepare(`SELECT ${COLUMNS} FROM recon_stripe_objects${where}`).raw().all();
  for (const [
    kind,
    id,
    created,
    amount,
    status,
    pi,
    refunded,
    disputed,
    reversed,
    destination,
    automatic,
    carried,
    count,
  ] of rows as Row[]) {
    if (kind === 'charge')
      kept.charge.set(id, {
        id,
        paymentIntent: pi,
        amount,
        amountRefunded: refunded!,
        status: status!,
        disputed: disputed === 1,
        created,
      });
    else if (kind === 'transfer')
      kept.transfer.set(id, { id, amount, amountReversed: reversed!, destination, created });
    else
      kept.payout.set(id, {
        id,
        amount,
        status: status!,
        automatic: automatic === 1,
        created,
        carriedPence: carried,
        carriedCount: count!,
      });
  }
  return kept;
}

/** An object's row: its kind's columns, the others null. */
function rowOf(kind: Kind, o: StripeCharge | StripeTransfer | StripeBankPayout): Row {
  if (kind === 'charge') {
    const c = o as StripeCharge;
    const [pi, refunded, disputed] = [c.paymentIntent, c.amountRefunded, c.disputed ? 1 : 0];
    return [kind, c.id, c.created, c.amount, c.status, pi, refunded, disputed, null, null, null, null, null];
  }
  if (kind === 'transfer') {
    const t = o as StripeTransfer;
    return [
      kind,
      t.id,
      t.created,
      t.amount,
      null,
      null,
      null,
      null,
      t.amountReversed,
      t.destination,
      null,
      null,
      null,
    ];
  }
  const p = o as StripeBankPayout;
  return [
    kind,
    p.id,
    p.created,
    p.amount,
    p.status,
    null,
    null,
    null,
    null,
    null,
    p.automatic ? 1 : 0,
    p.carriedPence,
    p.carriedCount,
  ];
}

/**
 * Writes what changed and where the read now stands, at once: an interrupted read keeps nothing. `base` is the kept
 * read this one brought up to date (null: read whole, replacing the objects). Returns false, keeping nothing, when
 * another read was kept since `base` was read, or when a run's whole read would replace the background's.
 */
function keep(sqlite: Sqlite, header: KeptHeader, changed: Kept, base: KeptHeader | null): boolean {
  const upsert = sqlite.prepare(
    `INSERT OR REPLACE INTO recon_stripe_objects (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return sqlite.transaction(() => {
    const now = keptHeader(sqlite);
    if (base) {
      if (JSON.stringify(now) !== JSON.stringify(base)) return false;
      // The span moved (the month rolled over): what fell out of it is dropped, as its events are no longer read.
      if (base.spanStart !== header.spanStart || base.spanEnd !== header.spanEnd) {
        const { seconds, wide } = createdRanges(spanOfHeader(header));
        sqlite
          .prepare(
            `DELETE FROM recon_stripe_objects WHERE CASE kind WHEN 'charge' THEN created < ? OR created >= ?
               ELSE created < ? OR created >= ? END`,
          )
          .run(wide.gte * 1000, wide.lt * 1000, seconds.gte * 1000, seconds.lt * 1000);
      }
    } else {
      if (now?.background && !header.background) return false;
      sqlite.exec('DELETE FROM recon_stripe_objects');
    }
    for (const kind of ['charge', 'transfer', 'payout'] as const)
      for (const o of changed[kind].values()) upsert.run(rowOf(kind, o));
    sqlite
      .prepare(
        `INSERT INTO recon_stripe_read (id, span_start, span_end, event_cursor, read_at, ended_at, background)
         VALUES (1, @spanStart, @spanEnd, @cursor, @readAt, @endedAt, @background)
         ON CONFLICT (id) DO UPDATE SET span_start = excluded.span_start, span_end = excluded.span_end,
           event_cursor = excluded.event_cursor, read_at = excluded.read_at, ended_at = excluded.ended_at,
           background = excluded.background`,
      )
      .run({ ...header, background: header.background ? 1 : 0 });
    return true;
  })();
}

const listEvents = (gateway: StripeGateway, params: Stripe.EventListParams) =>
  gateway.timed(EVENTS, (s) => s.events.list({ limit: 100, types: EVENT_TYPES, ...params }));

/** Stripe read whole over `span`, and kept (a run's read only while the background keeps none). */
async function readWhole(
  sqlite: Sqlite,
  gateway: StripeGateway,
  span: Span,
  onPage: OnPage,
  background: boolean,
): Promise<{ side: StripeSide; kept: boolean; objects: number }> {
  // The cursor is taken first: every change after it is in the events a later run reads.
  const newest = await listEvents(gateway, { limit: 1 });
  onPage(newest.value.data.length, EVENTS);
  const side = await readStripeSide(gateway, span, onPage);
  const kept: Kept = {
    charge: new Map(side.charges.map((c) => [c.id, c])),
    transfer: new Map(side.transfers.map((t) => [t.id, t])),
    payout: new Map(side.payouts.map((p) => [p.id, p])),
  };
  const header = {
    spanStart: span.start,
    spanEnd: span.end,
    cursor: newest.value.data[0]?.id ?? null,
    readAt: newest.observedAt,
    endedAt: side.balanceAt,
    background,
  };
  return {
    side: sideOf(kept, span, { balancePence: side.balancePence, balanceAt: side.balanceAt }),
    kept: keep(sqlite, header, kept, null),
    objects: side.charges.length + side.transfers.length + side.payouts.length,
  };
}

/**
 * Stripe's events since the kept read's cursor, oldest first, and Stripe's clock at the first page; null if the
 * cursor is gone, or the kept read turns out (at the first page) older than Stripe keeps its events.
 */
async function eventsSince(gateway: StripeGateway, { cursor, readAt }: KeptHeader, onPage: OnPage) {
  const events: Stripe.Event[] = [];
  let observedAt: number | null = null;
  // From a cursor Stripe pages towards the newest (ending_before); with none, from the newest back (starting_after).
  let params: Stripe.EventListParams = cursor ? { ending_before: cursor } : {};
  for (;;) {
    let page;
    try {
      page = await listEvents(gateway, params);
    } catch (error) {
      const e = error as { statusCode?: number; code?: string };
      if (e.statusCode === 404 || e.code === 'resource_missing') return null;
      throw error;
    }
    observedAt ??= page.observedAt;
    if (observedAt - readAt > STRIPE_EVENT_RETENTION_S - RETENTION_MARGIN_S) return null;
    onPage(page.value.data.length, EVENTS);
    const data = page.value.data;
    events.push(...(cursor ? [...data].reverse() : data));
    if (!page.value.has_more || data.length === 0) break;
    params = cursor ? { ending_before: data[0]!.id } : { starting_after: data.at(-1)!.id };
  }
  return { events: cursor ? events : events.reverse(), observedAt: observedAt! };
}

interface Changes {
  kept: Kept;
  balance: Pick<StripeSide, 'balancePence' | 'balanceAt'>;
  /** Whether it was kept (not when another read was kept meanwhile), and how many objects changed. */
  keptIt: boolean;
  changed: number;
}

/**
 * The kept read (`header`, `kept`) brought up to date from Stripe's changes over `target`, a span starting no earlier
 * than the kept one: objects outside it are dropped, and those of the part not kept before are listed. Null when it
 * cannot be (too old, its cursor gone).
 */
async function readChanges(
  sqlite: Sqlite,
  gateway: StripeGateway,
  header: KeptHeader,
  kept: Kept,
  target: Span,
  background: boolean,
  onPage: OnPage,
): Promise<Changes | null> {
  const since = await eventsSince(gateway, header, onPage);
  if (!since) return null;
  const inside = inSpan(target);
  if (target.start !== header.spanStart || target.end !== header.spanEnd)
    for (const kind of ['charge', 'transfer', 'payout'] as const)
      for (const [id, o] of kept[kind]) if (!inside(kind, o.created)) kept[kind].delete(id);
  const old = createdRanges(spanOfHeader(header));
  const { seconds, wide } = createdRanges(target);
  const within = (r: { gte: number; lt: number }, created: number) => created >= r.gte && created < r.lt;
  const changed: Kept = { charge: new Map(), transfer: new Map(), payout: new Map() };
  const payouts = new Map<string, Stripe.Payout>();
  const chargesToFetch = new Set<string>();
  // Each event's object is the object as that change left it: taken oldest first, the last one stands.
  for (const event of since.events) {
    const o = event.data.object as { object: string; id: string; created: number; charge?: unknown };
    if (o.object === 'charge' && within(wide, o.created))
      changed.charge.set(o.id, chargeFields(o as Stripe.Charge));
    else if (o.object === 'transfer' && within(seconds, o.created))
      changed.transfer.set(o.id, transferFields(o as Stripe.Transfer));
    else if (o.object === 'payout' && within(seconds, o.created)) payouts.set(o.id, o as Stripe.Payout);
    // A refund's or a dispute's event carries that object, not the charge it changed: the charge is read again,
    // unless a later event carries the charge itself (below), as that change left it, after this one.
    else if ((o.object === 'refund' || o.object === 'dispute') && typeof o.charge === 'string')
      chargesToFetch.add(o.charge);
    if (o.object === 'charge') chargesToFetch.delete(o.id);
  }
  // Objects created since the kept read began, as they are now (their creation events say the same, but a type
  // this list does not follow, or an object whose events were not emitted, is still found); and, when the span
  // moved forward, every object of the part the kept read did not cover.
  const from = header.readAt - CREATED_OVERLAP_S;
  const after = (r: { gte: number; lt: number }, was: { lt: number }) => ({
    gte: Math.max(r.gte, Math.min(from, was.lt)),
    lt: r.lt,
  });
  const newCharges = after(wide, old.wide);
  const newOthers = after(seconds, old.seconds);
  if (newCharges.gte < newCharges.lt)
    for (const c of await listCut(
      gateway,
      onPage,
      'GET /v1/charges',
      newCharges,
      (s, p) => s.charges.list(p),
      chargeFields,
    ))
      changed.charge.set(c.id, c);
  if (newOthers.gte < newOthers.lt) {
    const range = newOthers;
    for (const t of await listCut(
      gateway,
      onPage,
      'GET /v1/transfers',
      range,
      (s, p) => s.transfers.list(p),
      transferFields,
    ))
      changed.transfer.set(t.id, t);
    for (const p of await listCut(
      gateway,
      onPage,
      'GET /v1/payouts',
      range,
      (s, l) => s.payouts.list(l),
      (p) => p,
    ))
      payouts.set(p.id, p);
  }
  for (const id of chargesToFetch) {
    const c = await gateway.call('GET /v1/charges/:id', (s) => s.charges.retrieve(id));
    onPage(1, 'GET /v1/charges/:id');
    if (within(wide, c.created)) changed.charge.set(c.id, chargeFields(c));
  }
  for (const p of payouts.values()) {
    const was = kept.payout.get(p.id);
    const same = was && was.amount === p.amount && was.status === p.status && was.automatic === p.automatic;
    // Only a payout that is new or changed has its balance transactions listed again.
    if (!same) changed.payout.set(p.id, await bankPayout(gateway, onPage, p));
  }
  const balance = await readBalance(gateway, onPage);
  const newest = since.events.at(-1)?.id ?? header.cursor;
  const keptIt = keep(
    sqlite,
    {
      spanStart: target.start,
      spanEnd: target.end,
      cursor: newest,
      readAt: since.observedAt,
      endedAt: balance.balanceAt,
      background,
    },
    changed,
    header,
  );
  for (const kind of ['charge', 'transfer', 'payout'] as const)
    for (const [id, fields] of changed[kind]) kept[kind].set(id, fields as never);
  return {
    kept,
    balance,
    keptIt,
    changed: changed.charge.size + changed.transfer.size + changed.payout.size,
  };
}

/**
 * The Stripe side of `span`: brought up to date from the kept read when one covers the span and is young enough,
 * else read whole, and kept unless the kept read is the background's. `whole` forces the whole read.
 */
export async function readStripe(
  sqlite: Sqlite,
  gateway: StripeGateway,
  span: Span,
  onPage: OnPage = () => {},
  whole = false,
): Promise<StripeRead> {
  const covers = (h: KeptHeader) => h.spanStart <= span.start && h.spanEnd >= span.end;
  const { header, kept } = whole ? {} : keptSnapshot(sqlite, covers);
  if (header && kept) {
    const read = await readChanges(
      sqlite,
      gateway,
      header,
      kept,
      spanOfHeader(header),
      header.background,
      onPage,
    );
    if (read)
      return {
        side: { ...sideOf(read.kept, span, read.balance), kept: read.keptIt },
        changesSince: header.endedAt * 1000,
      };
  }
  const read = await readWhole(sqlite, gateway, span, onPage, false);
  return { side: { ...read.side, kept: read.kept }, changesSince: null };
}

export interface Refreshed {
  /** When the kept read it brought up to date had ended (epoch ms, Stripe's clock); null: read whole. */
  changesSince: number | null;
  /** False when a run kept its read meanwhile (the next refresh brings that one up to date). */
  kept: boolean;
  /** Objects read whole, or changed. */
  objects: number;
}

/**
 * The background's refresh of the kept read over `span` (the rolling span): only Stripe's changes when a kept read
 * starts no later and is young enough, moving it forward to `span`; else read whole. Either way it is then the
 * background's.
 */
export async function refreshKept(
  sqlite: Sqlite,
  gateway: StripeGateway,
  span: Span,
  onPage: OnPage = () => {},
): Promise<Refreshed> {
  const { header, kept } = keptSnapshot(sqlite, (h) => h.spanStart <= span.start, true);
  if (header && kept) {
    const read = await readChanges(sqlite, gateway, header, kept, span, true, onPage);
    if (read) return { changesSince: header.endedAt * 1000, kept: read.keptIt, objects: read.changed };
  }
  const read = await readWhole(sqlite, gateway, span, onPage, true);
  return { changesSince: null, kept: read.kept, objects: read.objects };
}
