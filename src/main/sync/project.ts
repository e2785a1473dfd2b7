// Projects Stripe objects into the marketplace tables and the journal. (Interface; filled in by the ledger work.)
import type { Sqlite } from '../db/open';

export interface StoredStripeObject {
  id: string;
  object_type: string;
  account: string | null;
  created: number;
  version: string;
  payload: string;
  observed_at: number;
}

export function projectObjects(_sqlite: Sqlite, _objects: StoredStripeObject[], _now: number): void {
  throw new Error('projectObjects is not implemented yet');
}
