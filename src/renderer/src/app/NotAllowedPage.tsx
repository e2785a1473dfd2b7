// Shown when the route names an area the signed-in role cannot use (the main process refuses it anyway).
import { EmptyState } from '../components/ui';
import { PageHeader } from './PageHeader';

export function NotAllowedPage({ label, roleName }: { label: string; roleName: string }) {
  return (
    <div className="page">
      <PageHeader title={label} />
      <div className="panel">
        <EmptyState title="Not available to your role">
          Operators with the {roleName} role cannot open {label}. Ask an admin if you need it.
        </EmptyState>
      </div>
    </div>
  );
}
