// The table view every chart offers under it: the same numbers, folded away behind "Show as a table".
import type { ReactNode } from 'react';

export function ChartTableView({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="chart-table">
      <summary>Show as a table</summary>
      <table className="table table--static" aria-label={label}>
        {children}
      </table>
    </details>
  );
}
