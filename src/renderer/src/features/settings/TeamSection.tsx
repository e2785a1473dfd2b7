// Settings → Team (admins): the server's version, schema and certificate, and every signed-in session, each of which
// an admin can end.
import { useState } from 'react';
import type { SessionView } from '@shared/contract/team';
import { apiErrorOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import { Badge, ConfirmDialog, DateTime, ErrorState, Skeleton, useToast } from '../../components/ui';

export function TeamSection() {
  const health = useQueryMethod('server.health', {});
  const sessions = useQueryMethod('sessions.list', {});
  const [ending, setEnding] = useState<SessionView | null>(null);
  const toast = useToast();
  const end = useMutationMethod('sessions.end', {
    onSuccess: () => {
      toast(`Ended ${ending?.operator.name ?? 'the'}'s session.`);
      setEnding(null);
      void sessions.refetch();
    },
  });
  const h = health.data;
  return (
    <section className="panel panel--padded" aria-labelledby="team-title">
      <h2 id="team-title" className="section-title">
        Workspace server and sessions
      </h2>
      {health.isError ? <ErrorState error={apiErrorOf(health.error)!} /> : null}
      {h ? (
        <dl className="details" aria-label="Server health">
          <dt>Mode</dt>
          <dd>{h.mode === 'team' ? 'Team server (TLS)' : 'This computer only'}</dd>
          <dt>Version</dt>
          <dd>{h.version}</dd>
          <dt>Schema</dt>
          <dd>
            {h.schema.latest} ({h.schema.migrations} migrations)
          </dd>
          {h.fingerprint ? (
            <>
              <dt>Fingerprint</dt>
              <dd className="fingerprint" title="SHA-256 of the server certificate">
                {h.fingerprint}
              </dd>
            </>
          ) : null}
          <dt>Running since</dt>
          <dd>
            <DateTime ms={h.startedAt} />
          </dd>
          <dt>Sync, outbox and schedule</dt>
          <dd>
            {h.writer.held ? 'run by this server' : 'NOT run by this server'} (pid {h.writer.pid} on{' '}
            {h.writer.host})
          </dd>
        </dl>
      ) : null}
      {sessions.isPending ? <Skeleton lines={3} /> : null}
      {sessions.isError ? <ErrorState error={apiErrorOf(sessions.error)!} /> : null}
      {sessions.data ? (
        <table className="table table--static" aria-label="Signed-in sessions">
          <thead>
            <tr>
              <th scope="col">Operator</th>
              <th scope="col">Role</th>
              <th scope="col">From</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.ref}>
                <td>
                  {s.operator.name} <span className="muted">({s.operator.username})</span>{' '}
                  {s.current ? <Badge tone="blue">You</Badge> : null}
                </td>
                <td>{s.operator.role}</td>
                <td>{s.from}</td>
                <td>
                  <DateTime ms={s.startedAt} />
                </td>
                <td>
                  <DateTime ms={s.lastActiveAt} />
                </td>
                <td className="cell--right">
                  {s.current ? null : (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setEnding(s)}
                      aria-label={`End ${s.operator.name}'s session from ${s.from}`}
                    >
                      End session
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog
        open={ending !== null}
        title="End this session"
        effect={
          ending ? (
            <>
              Sign <strong>{ending.operator.name}</strong> out on {ending.from} now.
            </>
          ) : null
        }
        notes="They can sign in again with their password; to stop that, deactivate the operator. Recorded in the audit log."
        confirmLabel="End session"
        tone="danger"
        pending={end.isPending}
        error={end.isError ? (apiErrorOf(end.error)?.message ?? null) : null}
        onConfirm={() => ending && end.mutate({ ref: ending.ref })}
        onCancel={() => setEnding(null)}
      />
    </section>
  );
}
