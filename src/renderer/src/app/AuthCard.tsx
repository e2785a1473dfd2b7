// The frame of the screens shown before sign-in: the mode band, the product mark and the workspace name.
import type { ReactNode } from 'react';
import type { SessionStatus } from '@shared/contract/auth';
import { ModeBand } from './ModeBand';

export function AuthCard({
  status,
  title,
  children,
}: {
  status: SessionStatus;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="auth">
      <ModeBand mode={status.workspace.mode} />
      <main className="auth__main">
        <div className="auth__card">
          <div className="auth__brand">
            <span className="brand-mark" aria-hidden="true">
              L
            </span>
            <div>
              <div className="auth__product">LPlate back office</div>
              <div className="muted">{status.workspace.name}</div>
            </div>
          </div>
          <h1 className="auth__title">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
