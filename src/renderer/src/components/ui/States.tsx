// Loading, empty and error states: skeletons instead of spinners, an empty state that says why, errors with retry and details.
import type { ReactNode } from 'react';
import type { ApiError } from '@shared/contract';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <div className="empty-state__title">{title}</div>
      {children ? <div className="empty-state__text">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this',
}: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="error-state" role="alert">
      <div className="error-state__title">{title}</div>
      <div className="error-state__message">{error.message}</div>
      <div className="error-state__actions">
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        ) : null}
      </div>
      <details className="error-state__details">
        <summary>Details</summary>
        <pre>{JSON.stringify({ code: error.code, details: error.details ?? null }, null, 2)}</pre>
      </details>
    </div>
  );
}

export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div className="skeleton-block" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" />
      ))}
    </div>
  );
}
