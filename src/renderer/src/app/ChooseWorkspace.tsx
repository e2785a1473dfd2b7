// The desktop's first screen when no workspace is open: the product frame around the workspace choice.
import type { DesktopWorkspaces } from '@shared/contract/desktop';
import { WorkspaceChooser } from './WorkspaceChooser';

export function ChooseWorkspace({ workspaces }: { workspaces: DesktopWorkspaces }) {
  return (
    <div className="auth">
      <main className="auth__main">
        <div className="auth__card auth__card--wide">
          <div className="auth__brand">
            <span className="brand-mark" aria-hidden="true">
              L
            </span>
            <div className="auth__product">LPlate back office</div>
          </div>
          <h1 className="auth__title">Choose a workspace</h1>
          <WorkspaceChooser workspaces={workspaces} />
        </div>
      </main>
    </div>
  );
}
