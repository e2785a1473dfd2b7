// An area that is not built yet says so plainly: what will appear, and that it arrives with Stripe sync. No sample figures.
import type { Area } from './areas';
import { PageHeader } from './PageHeader';
import { EmptyState } from '../components/ui';

export function ComingSoonPage({ area }: { area: Area }) {
  return (
    <div className="page">
      <PageHeader title={area.label} />
      <div className="panel">
        <EmptyState title={`${area.label} arrives with Stripe sync`}>
          <p>{area.comingSoon}</p>
          <p>
            Stripe is not connected yet, so there is nothing to show here — this page never shows sample or
            estimated figures.
          </p>
        </EmptyState>
      </div>
    </div>
  );
}
