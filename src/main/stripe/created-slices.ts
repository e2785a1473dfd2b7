// Lists one resource over a `created` range as sub-ranges read at once, so a long listing is bounded by Stripe's
// request rate, not by one page's round trip. Every request still goes through the gateway (limiter, retries).
import type Stripe from 'stripe';
import type { StripeGateway } from './gateway';
import type { ListParams } from './resources';

/** A part of the range: objects created in [gte, lt) (null: no bound on that side), read newest first. */
export interface CreatedSlice {
  gte: number | null;
  lt: number | null;
  /** The last object read, for `starting_after`, with its created second (to go on from if it is gone). */
  lastId: string | null;
  lastCreated: number | null;
  done: boolean;
}

export interface SlicedListing<T> {
  endpoint: string;
  list: (stripe: Stripe, params: ListParams) => Promise<Stripe.ApiList<T>>;
  /** Seconds: created in [gte, lt); null leaves that side open. */
  range: { gte: number | null; lt: number | null };
  /** Where to split an open range (gte null) down to: the oldest created second known; null: no split. */
  floor?: number | null;
  /** The slices as a previous listing left them (resuming); a fresh listing starts from the range. */
  resume?: CreatedSlice[];
  /** Requests in flight at most (1–16, default 4); the gateway's rate limit still applies to each. */
  concurrency?: number;
  pageSize?: number;
}

export interface SlicedPage<T> {
  /** The slice the page belongs to (0 is the newest). */
  slice: number;
  objects: T[];
  /** Stripe's clock when it answered (epoch seconds). */
  observedAt: number;
  /** Every slice as it stands once this page, and every page handed out before it, is taken. */
  slices: CreatedSlice[];
}

type Listed = { id: string; created?: number };

function isMissingCursor(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string };
  return e.statusCode === 404 || e.code === 'resource_missing';
}

async function readPage<T extends Listed>(gateway: StripeGateway, l: SlicedListing<T>, slice: CreatedSlice) {
  const limit = l.pageSize ?? 100;
  const gte = slice.gte === null ? {} : { gte: slice.gte };
  const list = (params: ListParams) => gateway.timed(l.endpoint, (s) => l.list(s, params));
  let page;
  try {
    page = await list({
      limit,
      created: { ...gte, ...(slice.lt === null ? {} : { lt: slice.lt }) },
      ...(slice.lastId ? { starting_after: slice.lastId } : {}),
    });
  } catch (error) {
    if (!slice.lastId || slice.lastCreated === null || !isMissingCursor(error)) throw error;
    // The last object read is gone (a deleted coupon): go on from its second instead; repeats are harmless.
    page = await list({ limit, created: { ...gte, lte: slice.lastCreated } });
  }
  const objects = page.value.data;
  const last = objects.at(-1);
  const cursor: CreatedSlice = {
    ...slice,
    done: !page.value.has_more || !last,
    lastId: last?.id ?? slice.lastId,
    lastCreated: typeof last?.created === 'number' ? last.created : slice.lastCreated,
  };
  return { objects, observedAt: page.observedAt, cursor };
}

/**
 * After the first page of a fresh listing, what is left of it in `parts` slices of equal time, newest first: the
 * first goes on after the page's last object, the last keeps the range's lower bound (none, for an open range).
 */
function split(first: CreatedSlice, lowest: number | null, parts: number): CreatedSlice[] {
  const top = first.lastCreated;
  if (first.done || top === null || lowest === null || top - lowest < 2) return [first];
  const n = Math.min(parts, top - lowest);
  const bounds = Array.from({ length: n - 1 }, (_, k) => top - Math.round(((k + 1) * (top - lowest)) / n));
  return [first.lt, ...bounds].map((lt, k) => ({
    gte: k < bounds.length ? bounds[k]! : first.gte,
    lt,
    lastId: k === 0 ? first.lastId : null,
    lastCreated: k === 0 ? top : null,
    done: false,
  }));
}

/**
 * The listing's pages, one per call (null after the last): pages are handed out in a fixed turn over the newest
 * unfinished slices (as many as `concurrency`), whatever order Stripe answers in, so the same data always gives the
 * same pages in the same order. Each of those slices already has its next page asked for. A request nobody waits
 * for any more (a cancel) fails quietly.
 */
export function slicedPages<T extends Listed>(
  gateway: StripeGateway,
  listing: SlicedListing<T>,
): () => Promise<SlicedPage<T> | null> {
  const concurrency = Math.min(16, Math.max(1, Math.floor(listing.concurrency ?? 4)));
  const fresh = !listing.resume;
  let slices: CreatedSlice[] = listing.resume?.map((s) => ({ ...s })) ?? [
    { gte: listing.range.gte, lt: listing.range.lt, lastId: null, lastCreated: null, done: false },
  ];
  let taken = 0;
  let turn = 0;
  const pending = new Map<number, ReturnType<typeof readPage<T>>>();
  const window = () =>
    slices
      .map((s, i) => (s.done ? -1 : i))
      .filter((i) => i >= 0)
      .slice(0, concurrency);
  const askAhead = () => {
    for (const i of window()) {
      if (pending.has(i)) continue;
      const request = readPage(gateway, listing, slices[i]!);
      request.catch(() => {});
      pending.set(i, request);
    }
  };
  return async () => {
    const open = window();
    if (open.length === 0) return null;
    askAhead();
    const i = open[turn++ % open.length]!;
    const page = await pending.get(i)!;
    pending.delete(i);
    slices = slices.map((s, k) => (k === i ? page.cursor : s));
    if (fresh && taken++ === 0)
      slices = split(slices[0]!, listing.range.gte ?? listing.floor ?? null, 2 * concurrency);
    askAhead();
    return { slice: i, objects: page.objects, observedAt: page.observedAt, slices };
  };
}

/**
 * Every object of the range, in Stripe's order (newest first), read as `slicedPages` does, each as `keep` makes it as
 * its page arrives (a reader that needs a few fields lets the rest of each object go at once, not at the end).
 */
export async function listCreated<T extends Listed, K = T>(
  gateway: StripeGateway,
  listing: SlicedListing<T>,
  onPage: (objects: number) => void = () => {},
  keep: (object: T) => K = (object) => object as unknown as K,
): Promise<K[]> {
  const next = slicedPages(gateway, listing);
  const bySlice: K[][] = [];
  for (let page = await next(); page; page = await next()) {
    (bySlice[page.slice] ??= []).push(...page.objects.map(keep));
    onPage(page.objects.length);
  }
  return bySlice.flat();
}
