// Reads one resource's pages for the backfill: its `created` slices at once, each page with the reversals it needs.
import type Stripe from 'stripe';
import { slicedPages } from '../stripe/created-slices';
import type { ListedObject, StripeResource } from '../stripe/resources';
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

/**
 * The resource's pages from `cursor` on (everything created up to `upTo`), one per call, null after the last.
 * A fresh listing splits after its first page from there down to `floor` (the oldest created second seen yet).
 */
export function pagesFrom(
  run: RunContext,
  resource: StripeResource,
  upTo: number,
  cursor: BackfillCursor,
  floor: number | null,
): () => Promise<BackfillPage | null> {
  const next = slicedPages(run.gateway, {
    endpoint: resource.endpoint,
    list: resource.list,
    range: { gte: null, lt: upTo + 1 },
    floor,
    resume: cursor.slices.length > 0 ? cursor.slices : undefined,
    pageSize: run.pageSize,
  });
  let count = cursor.count;
  return async () => {
    const page = await next();
    if (!page) return null;
    const reversals = await moreReversals(run, page.objects);
    count += page.objects.length;
    return {
      objects: page.objects,
      reversals,
      observedAt: page.observedAt,
      cursor: { done: page.slices.every((s) => s.done), count, slices: page.slices },
    };
  };
}
