// Reads one resource's pages for the backfill, one page ahead, so Stripe answers while the last batch is applied.
import type Stripe from 'stripe';
import type { ListedObject, ListParams, StripeResource } from '../stripe/resources';
import type { BackfillCursor } from './state';
import type { RunContext } from './run-context';

export interface BackfillPage {
  objects: ListedObject[];
  /** Reversals beyond the ten a transfer embeds. */
  reversals: unknown[];
  observedAt: number;
  /** Where the resource's listing stands once this page is applied. */
  cursor: BackfillCursor;
}

/** A transfer lists its first ten reversals; the rest are read from its reversals list. */
async function moreReversals(run: RunContext, objects: ListedObject[]): Promise<unknown[]> {
  const extra: unknown[] = [];
  for (const object of objects) {
    const list = (object as { reversals?: { has_more?: boolean; data?: { id: string }[] } }).reversals;
    if (object.object !== 'transfer' || !list?.has_more) continue;
    let startingAfter = list.data?.at(-1)?.id;
    for (;;) {
      const page = await run.gateway.call('GET /v1/transfers/:id/reversals', (s: Stripe) =>
        s.transfers.listReversals(object.id, {
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        }),
      );
      extra.push(...page.data);
      if (!page.has_more || page.data.length === 0) break;
      startingAfter = page.data.at(-1)!.id;
    }
  }
  return extra;
}

function isMissingCursor(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string };
  return e.statusCode === 404 || e.code === 'resource_missing';
}

async function listPage(run: RunContext, resource: StripeResource, upTo: number, cursor: BackfillCursor) {
  const params: ListParams = { limit: run.pageSize, created: { lte: upTo } };
  if (cursor.lastId) params.starting_after = cursor.lastId;
  try {
    return await run.gateway.timed(resource.endpoint, (s) => resource.list(s, params));
  } catch (error) {
    if (!cursor.lastId || cursor.lastCreated === null || !isMissingCursor(error)) throw error;
    // The last object read is gone (a deleted coupon): go on from its second instead; repeats are harmless.
    return run.gateway.timed(resource.endpoint, (s) =>
      resource.list(s, { limit: run.pageSize, created: { lte: cursor.lastCreated! } }),
    );
  }
}

async function readPage(
  run: RunContext,
  resource: StripeResource,
  upTo: number,
  cursor: BackfillCursor,
): Promise<BackfillPage> {
  const page = await listPage(run, resource, upTo, cursor);
  const objects = page.value.data;
  const reversals = await moreReversals(run, objects);
  const last = objects.at(-1);
  return {
    objects,
    reversals,
    observedAt: page.observedAt,
    cursor: {
      done: !page.value.has_more || !last,
      count: cursor.count + objects.length,
      lastId: last?.id ?? cursor.lastId,
      lastCreated: typeof last?.created === 'number' ? last.created : cursor.lastCreated,
    },
  };
}

/**
 * The resource's pages from `cursor` on, in order: each call returns the next page (null after the last)
 * and already asks for the one after it. A request nobody waits for any more (a cancel) fails quietly.
 */
export function pagesFrom(
  run: RunContext,
  resource: StripeResource,
  upTo: number,
  cursor: BackfillCursor,
): () => Promise<BackfillPage | null> {
  const ask = (from: BackfillCursor) => {
    const pending = readPage(run, resource, upTo, from);
    pending.catch(() => {});
    return pending;
  };
  let pending = cursor.done ? null : ask(cursor);
  return async () => {
    if (!pending) return null;
    const page = await pending;
    pending = page.cursor.done ? null : ask(page.cursor);
    return page;
  };
}
