// An instant as `25 Nov 2026 09:14` (Europe/London) with the exact ISO timestamp in a tooltip.
import { formatInstant } from '@shared/dates';

export function DateTime({ ms, empty = '—' }: { ms: number | null | undefined; empty?: string }) {
  if (ms === null || ms === undefined) return <span className="muted">{empty}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time className="datetime" dateTime={iso} title={iso}>
      {formatInstant(ms)}
    </time>
  );
}
