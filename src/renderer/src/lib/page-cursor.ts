// The pager's next and previous pages by cursor, so a server-paged list seeks to them instead of skipping rows.
import { useState } from 'react';

export type PageCursor = { after: string } | { before: string };

/**
 * The cursor for the query of `page` under `scope` (the list's filters and sort, as one key), and `step`, which the
 * pager calls before it changes the page: a move to a neighbour page names the row it starts after (the last row on
 * screen) or ends before (the first), when those rows are the current page's own, not a placeholder. A jump, a
 * reload or another filter or sort asks by page number alone.
 */
export function usePageCursor(page: number, scope: string) {
  const [saved, setSaved] = useState<{ page: number; scope: string; cursor: PageCursor } | null>(null);
  const cursor = saved?.page === page && saved.scope === scope ? saved.cursor : undefined;
  const step = (next: number, shown: readonly { id: string }[] | undefined) => {
    const edge = next === page + 1 ? shown?.at(-1) : next === page - 1 ? shown?.[0] : undefined;
    setSaved(
      edge ? { page: next, scope, cursor: next > page ? { after: edge.id } : { before: edge.id } } : null,
    );
  };
  return { cursor, step };
}
