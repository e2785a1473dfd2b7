// "Verify chain": walks the audit hash chain in main and says plainly whether it is intact or where it breaks.
import { apiErrorOf, useMutationMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';

export function VerifyChainButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  return (
    <button type="button" className="button" onClick={() => verify.mutate({})} disabled={verify.isPending}>
      {verify.isPending ? 'Verifying…' : 'Verify chain'}
    </button>
  );
}

export function useVerifyChain() {
  return useMutationMethod('audit.verify');
}

export function ChainResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  if (verify.isError) {
    return (
      <div className="chain-result chain-result--error" role="status">
        Could not verify the chain: {apiErrorOf(verify.error)?.message}
      </div>
    );
  }
  const report = verify.data;
  if (!report) return null;
  if (report.intact) {
    return (
      <div className="chain-result chain-result--ok" role="status">
        <span aria-hidden="true">✓</span> Intact — {formatCount(report.checked)}{' '}
        {report.checked === 1 ? 'entry' : 'entries'} verified
      </div>
    );
  }
  const b = report.firstBroken;
  return (
    <div className="chain-result chain-result--broken" role="status">
      <span aria-hidden="true">✕</span> Broken at entry #{b.seq}
      {b.id ? ` (${b.id})` : ''}: {b.reason}
      <span className="muted"> — {formatCount(report.checked)} entries checked before it.</span>
    </div>
  );
}
