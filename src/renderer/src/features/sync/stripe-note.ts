// Why a page that needs Stripe has nothing to show, said the same way as the sync status in the top bar: not connected
// (and who connects it), the first backfill still running, or connected and synced with nothing yet.
import { useSync } from './useSync';

export function useStripeNote(things: string): string {
  const { status, job } = useSync();
  const s = status.data;
  if (!s) return `${capitalised(things)} appear here once Stripe is connected and synced.`;
  if (!s.connected)
    return `Stripe is not connected yet: ${things} appear here once an admin connects it under Settings → Stripe and the first sync has run.`;
  if (job)
    return `The ${job.kind === 'backfill' ? 'backfill' : 'sync'} from Stripe is running (progress at the top right): ${things} appear as it reads them.`;
  return `Stripe is connected and synced, and has no ${things} yet.`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
