// Typed access to the contract for the renderer: the bridge (Electron or HTTP), invoke, react-query hooks and invalidation.
import { createContext, createElement, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import {
  contract,
  isMethodName,
  type ApiError,
  type InputOf,
  type MethodName,
  type OutputOf,
  type PushEvents,
  type Role,
} from '@shared/contract';
import type { InvokeOptions, LplateBridge } from '@shared/contract/bridge';
import { createHttpBridge, takeBootToken } from './http-bridge';

export { EXPIRED_LINK_MESSAGE, createHttpBridge, takeBootToken } from './http-bridge';

declare global {
  interface Window {
    lplate?: LplateBridge;
  }
}

/** `window.lplate` in Electron; otherwise the HTTP bridge of the headless host (token taken from the URL once). */
export function resolveBridge(): LplateBridge {
  if (window.lplate) return window.lplate;
  const token = takeBootToken();
  return createHttpBridge({ token });
}

/** An application error from the contract, thrown so react-query sees a failure. */
export class ApiFailure extends Error {
  readonly error: ApiError;
  readonly method: string;
  constructor(method: string, error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.error = error;
    this.method = method;
  }
  get code(): ApiError['code'] {
    return this.error.code;
  }
}

/** The ApiError inside anything react-query hands back (an ApiFailure or a plain Error). */
export function apiErrorOf(error: unknown): ApiError | null {
  if (!error) return null;
  if (error instanceof ApiFailure) return error.error;
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

/** Field messages from a validation error, or a conflict naming its field (a duplicate code):
 *  `{ username: 'A username is …' }` (paths joined with dots). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const apiError = apiErrorOf(error);
  const out: Record<string, string> = {};
  if (!apiError || (apiError.code !== 'validation' && apiError.code !== 'conflict')) return out;
  const issues = (apiError.details as { issues?: { path?: unknown[]; message?: string }[] } | undefined)
    ?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    const key = Array.isArray(issue.path) ? issue.path.map(String).join('.') : '';
    if (key && issue.message && !(key in out)) out[key] = issue.message;
  }
  return out;
}

export async function invokeWith<M extends MethodName>(
  bridge: LplateBridge,
  method: M,
  input: InputOf<M>,
  options?: InvokeOptions,
): Promise<OutputOf<M>> {
  const result = await bridge.invoke(method, input, options);
  if (!result.ok) throw new ApiFailure(method, result.error);
  return result.data as OutputOf<M>;
}

/** Whether a role may use a method, from the contract's own `access` (the main process enforces it anyway). */
export function canAccess(method: MethodName, role: Role | null | undefined): boolean {
  const access = contract[method].access;
  if (access === 'public') return true;
  if (!role) return false;
  if (access === 'signedIn') return true;
  return (access as readonly Role[]).includes(role);
}

/** Methods whose cached answers depend on any of these tables. */
export function methodReadsAny(method: unknown, tables: readonly string[]): boolean {
  if (typeof method !== 'string' || !isMethodName(method)) return false;
  return contract[method].reads.some((t) => tables.includes(t));
}

interface ApiContextValue {
  bridge: LplateBridge;
}
const ApiContext = createContext<ApiContextValue | null>(null);

export function useBridge(): LplateBridge {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('useBridge needs <ApiProvider>');
  return ctx.bridge;
}

/** `invoke(method, input)` bound to the provider's bridge; throws ApiFailure. */
export function useInvoke(): <M extends MethodName>(method: M, input: InputOf<M>) => Promise<OutputOf<M>> {
  const bridge = useBridge();
  return useMemo(
    () =>
      <M extends MethodName>(method: M, input: InputOf<M>) =>
        invokeWith(bridge, method, input),
    [bridge],
  );
}

export function useQueryMethod<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options?: Omit<
    UseQueryOptions<OutputOf<M>, ApiFailure, OutputOf<M>, readonly [M, InputOf<M>]>,
    'queryKey' | 'queryFn'
  >,
) {
  const bridge = useBridge();
  return useQuery({
    queryKey: [method, input] as const,
    // Data already on screen being refreshed (an interval, a `changed` push, a remount) is a background call: it
    // does not keep the session awake. A first load (a new page, filter or drawer) and every mutation do.
    queryFn: ({ client, queryKey }) =>
      invokeWith(bridge, method, input, { background: client.getQueryData(queryKey) !== undefined }),
    ...options,
  });
}

export function useMutationMethod<M extends MethodName>(
  method: M,
  options?: Omit<UseMutationOptions<OutputOf<M>, ApiFailure, InputOf<M>>, 'mutationFn'>,
) {
  const bridge = useBridge();
  return useMutation({ mutationFn: (input: InputOf<M>) => invokeWith(bridge, method, input), ...options });
}

export function createQueryClient(onFailure: (error: unknown, method: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onFailure(error, query.queryKey[0]) }),
    mutationCache: new MutationCache({
      onError: (error) => onFailure(error, error instanceof ApiFailure ? error.method : undefined),
    }),
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiFailure) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}

export interface ApiProviderProps {
  bridge: LplateBridge;
  /** Called when a signed-in method answers `unauthenticated`, or main pushes a `session` event. */
  onSessionEnded?: (reason: string) => void;
  children: ReactNode;
}

/** Provides the bridge and a QueryClient; invalidates queries on `changed { tables }` by the contract's `reads`. */
export function ApiProvider({ bridge, onSessionEnded, children }: ApiProviderProps) {
  const endedRef = useRef(onSessionEnded);
  useEffect(() => {
    endedRef.current = onSessionEnded;
  }, [onSessionEnded]);

  const queryClient = useMemo(
    () =>
      createQueryClient((error, method) => {
        if (!(error instanceof ApiFailure) || error.code !== 'unauthenticated') return;
        if (typeof method === 'string' && isMethodName(method) && contract[method].access === 'public')
          return;
        endedRef.current?.(error.message);
      }),
    [],
  );

  useEffect(() => {
    const offChanged = bridge.on('changed', ({ tables }: PushEvents['changed']) => {
      void queryClient.invalidateQueries({ predicate: (q) => methodReadsAny(q.queryKey[0], tables) });
    });
    const offSession = bridge.on('session', ({ reason }: PushEvents['session']) =>
      endedRef.current?.(reason),
    );
    return () => {
      offChanged();
      offSession();
    };
  }, [bridge, queryClient]);

  const value = useMemo(() => ({ bridge }), [bridge]);
  return createElement(
    ApiContext.Provider,
    { value },
    createElement(QueryClientProvider, { client: queryClient }, children),
  );
}
