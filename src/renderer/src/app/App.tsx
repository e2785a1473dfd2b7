// The renderer's root: session state (first run, sign-in, signed in), the API provider and per-session toasts.
import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LplateBridge } from '@shared/contract/bridge';
import type { OperatorView, SessionStatus } from '@shared/contract/auth';
import { ApiProvider, apiErrorOf, useInvoke, useQueryMethod } from '../lib/api';
import { ErrorState, Skeleton, ToastHost } from '../components/ui';
import { FirstRun } from './FirstRun';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import { ChooseWorkspace } from './ChooseWorkspace';

const STATUS_KEY = ['auth.status', {}] as const;

/** What a sign-out keeps: whether anyone is signed in, and which workspace is open (without it the app would wait). */
const KEPT_ON_SIGN_OUT = new Set(['auth.status', 'desktop.workspaces']);

export function App({ bridge }: { bridge: LplateBridge }) {
  const [ended, setEnded] = useState<{ reason: string; at: number } | null>(null);
  const onSessionEnded = useCallback((reason: string) => setEnded({ reason, at: Date.now() }), []);
  return (
    <ApiProvider bridge={bridge} onSessionEnded={onSessionEnded}>
      <Root ended={ended} onClearEnded={() => setEnded(null)} />
    </ApiProvider>
  );
}

function Root({
  ended,
  onClearEnded,
}: {
  ended: { reason: string; at: number } | null;
  onClearEnded: () => void;
}) {
  const queryClient = useQueryClient();
  const invoke = useInvoke();
  const desktop = useQueryMethod('desktop.workspaces', {});
  // A desktop asks its workspace nothing until one is open.
  const workspaceOpen =
    desktop.isError ||
    (desktop.data !== undefined && (!desktop.data.available || desktop.data.current !== null));
  const status = useQueryMethod('auth.status', {}, { enabled: workspaceOpen });

  // The server ended the session (idle lock, sign-out elsewhere, expired link): drop every cached answer, show sign-in.
  useEffect(() => {
    if (!ended) return;
    queryClient.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.has(q.queryKey[0] as string) });
    queryClient.setQueryData<SessionStatus>(STATUS_KEY, (old) => (old ? { ...old, operator: null } : old));
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  }, [ended, queryClient]);

  const signedIn = useCallback(
    (operator: OperatorView) => {
      onClearEnded();
      queryClient.setQueryData<SessionStatus>(STATUS_KEY, (old) =>
        old ? { ...old, operator, needsFirstAdmin: false } : old,
      );
      void queryClient.invalidateQueries();
    },
    [onClearEnded, queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await invoke('auth.signOut', {});
    } catch {
      // Signed out already (or the host is gone): the sign-in screen is the right place either way.
    }
    onClearEnded();
    queryClient.removeQueries({ predicate: (q) => !KEPT_ON_SIGN_OUT.has(q.queryKey[0] as string) });
    queryClient.setQueryData<SessionStatus>(STATUS_KEY, (old) => (old ? { ...old, operator: null } : old));
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  }, [invoke, onClearEnded, queryClient]);

  // A desktop with no workspace open yet (first start, or the last one would not open) offers the choice.
  if (desktop.data?.available && desktop.data.current === null)
    return <ChooseWorkspace workspaces={desktop.data} />;
  if (!workspaceOpen || status.isPending) {
    return (
      <div className="boot" aria-busy="true">
        <Skeleton lines={4} />
      </div>
    );
  }
  // A failed refresh keeps the console on screen with what it knew; only a first answer that failed stops it here.
  if (status.isError && !status.data) {
    return (
      <div className="boot">
        <ErrorState
          title="The console could not reach its host"
          error={apiErrorOf(status.error)!}
          onRetry={() => void status.refetch()}
        />
      </div>
    );
  }
  const data = status.data!;
  // Toasts belong to one operator's session: signing out (or in as someone else) drops them.
  return (
    <ToastHost scope={data.operator?.id ?? ''}>
      {data.needsFirstAdmin ? (
        <FirstRun status={data} onCreated={signedIn} />
      ) : !data.operator ? (
        <SignIn status={data} reason={ended?.reason ?? null} onSignedIn={signedIn} />
      ) : (
        <Shell status={data} operator={data.operator} onSignOut={() => void signOut()} />
      )}
    </ToastHost>
  );
}
