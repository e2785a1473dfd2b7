// An area that is not built yet says so plainly — whatever the state of Stripe — and what will appear. No sample figures.
import type { Area } from './areas';
import { PageHeader } from './PageHeader';
import { EmptyState } from '../components/ui';

export function ComingSoonPage({ area }: { area: Area }) {
  return (
    <div className="page">
      <PageHeader title={area.label} />
      <div className="panel">
        <EmptyState title={`${area.label} is not built yet`}>
          <p>This version of the console does not have this page yet. It will show: {area.comingSoon}</p>
          <p>Until then nothing is shown here — never sample or estimated figures.</p>
        </EmptyState>
      </div>
    </div>
  );
}
