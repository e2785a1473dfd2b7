// Settings → This desktop (desktop app only): the workspace open now, and switching to another or to a server.
import { useQueryMethod } from '../../lib/api';
import { describeWorkspace, WorkspaceChooser } from '../../app/WorkspaceChooser';

export function DesktopSection() {
  const workspaces = useQueryMethod('desktop.workspaces', {});
  if (!workspaces.data?.available) return null;
  return (
    <section className="panel panel--padded" aria-labelledby="desktop-title">
      <h2 id="desktop-title" className="section-title">
        This desktop
      </h2>
      <p>
        Open now:{' '}
        <strong>{workspaces.data.current ? describeWorkspace(workspaces.data.current) : 'nothing'}</strong>.
        Switching signs you out here and opens the other workspace.
      </p>
      <WorkspaceChooser workspaces={workspaces.data} />
    </section>
  );
}
