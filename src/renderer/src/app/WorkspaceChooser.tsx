// The desktop's workspace choice (first start, and Settings → This desktop): the demo, a workspace on this computer,
// or a team's workspace server — whose certificate fingerprint is shown for the operator to check before it is pinned.
import { useState, type FormEvent } from 'react';
import type { DesktopWorkspaces, ServerProbe, WorkspaceRef } from '@shared/contract/desktop';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../lib/api';
import { FormError, TextField } from '../components/ui';

export function describeWorkspace(ref: WorkspaceRef): string {
  if (ref.kind === 'demo') return 'The demo workspace';
  if (ref.kind === 'local') return `“${ref.name}” on this computer`;
  return `Workspace server ${ref.url}`;
}

/** After a switch the window starts again on the new workspace, so nothing of the old one stays on screen. */
const restart = () => window.location.reload();

export function WorkspaceChooser({ workspaces }: { workspaces: DesktopWorkspaces }) {
  const [name, setName] = useState('my-workspace');
  const [url, setUrl] = useState('https://');
  const [probe, setProbe] = useState<ServerProbe | null>(null);
  const open = useMutationMethod('desktop.open', { onSuccess: restart });
  const check = useMutationMethod('desktop.probe', { onSuccess: setProbe });
  const openError = apiErrorOf(open.error);
  const checkErrors = fieldErrorsOf(check.error);
  const checkError = apiErrorOf(check.error);

  const submitServer = (event: FormEvent) => {
    event.preventDefault();
    setProbe(null);
    check.mutate({ url });
  };
  const submitLocal = (event: FormEvent) => {
    event.preventDefault();
    open.mutate({ target: { kind: 'local', name } });
  };

  return (
    <div className="chooser">
      {workspaces.problem ? <FormError message={workspaces.problem} /> : null}
      {workspaces.recent.length > 0 ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title" className="section-title">
            Recent workspaces
          </h2>
          <ul className="chooser__recent">
            {workspaces.recent.map((ref) => (
              <li key={JSON.stringify(ref)}>
                <span>{describeWorkspace(ref)}</span>
                {workspaces.current && JSON.stringify(workspaces.current) === JSON.stringify(ref) ? (
                  <span className="muted">open now</span>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={open.isPending}
                    onClick={() => open.mutate({ target: ref })}
                  >
                    Open
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="demo-title">
        <h2 id="demo-title" className="section-title">
          Try the demo
        </h2>
        <p className="muted">Simulated Stripe history and one operator per role. No real money.</p>
        <button
          type="button"
          className="button"
          disabled={open.isPending}
          onClick={() => open.mutate({ target: { kind: 'demo' } })}
        >
          Open the demo
        </button>
      </section>
      <section aria-labelledby="local-title">
        <h2 id="local-title" className="section-title">
          Work alone on this computer
        </h2>
        <form onSubmit={submitLocal} noValidate>
          <TextField
            label="Workspace name"
            hint="lower-case letters, digits and dashes"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={
              open.variables?.target.kind === 'local' ? fieldErrorsOf(open.error)['target.name'] : undefined
            }
          />
          <button type="submit" className="button" disabled={open.isPending}>
            Create local workspace
          </button>
        </form>
      </section>
      <section aria-labelledby="server-title">
        <h2 id="server-title" className="section-title">
          Connect to your team’s workspace server
        </h2>
        <form onSubmit={submitServer} noValidate>
          <TextField
            label="Server address"
            placeholder="https://lplate.example.internal:8443"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setProbe(null);
            }}
            error={checkErrors.url}
          />
          <FormError message={checkError && checkError.code !== 'validation' ? checkError.message : null} />
          <button type="submit" className="button" disabled={check.isPending}>
            {check.isPending ? 'Checking…' : 'Check server'}
          </button>
        </form>
        {probe ? (
          <div className="chooser__probe" role="group" aria-label="Server certificate">
            <p>
              The server presents a certificate with this SHA-256 fingerprint. Check it with your admin (
              <code>lplate serve</code> prints it) before you trust it; this desktop then refuses any other.
            </p>
            <p className="fingerprint">{probe.fingerprint}</p>
            {probe.compatible ? (
              <button
                type="button"
                className="button button--primary"
                disabled={open.isPending}
                onClick={() =>
                  open.mutate({ target: { kind: 'server', url: probe.url, fingerprint: probe.fingerprint } })
                }
              >
                Trust this certificate and connect
              </button>
            ) : (
              <FormError
                message={`The server runs version ${probe.version}, this desktop another: install version ${probe.version} of LPlate back office first.`}
              />
            )}
          </div>
        ) : null}
      </section>
      <FormError message={openError && openError.code !== 'validation' ? openError.message : null} />
    </div>
  );
}
