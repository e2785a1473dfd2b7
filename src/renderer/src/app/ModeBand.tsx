// The loud amber band that says the data is not live (DEMO DATA / TEST MODE); nothing in live mode.
import type { WorkspaceMode } from '@shared/contract/auth';

const TEXT: Partial<Record<WorkspaceMode, { label: string; detail: string }>> = {
  demo: { label: 'DEMO DATA', detail: 'simulated marketplace; no real money moves' },
  test: { label: 'TEST MODE', detail: 'data from Stripe test mode' },
};

export function ModeBand({ mode }: { mode: WorkspaceMode }) {
  const text = TEXT[mode];
  if (!text) return null;
  return (
    <div className="mode-band" role="note" aria-label={text.label}>
      <strong>{text.label}</strong>
      <span> — {text.detail}</span>
    </div>
  );
}
