// Hash routing (`#/audit?entity=operator&page=2`): the route holds the filters so a view survives reload and can be shared.
import { useCallback, useSyncExternalStore } from 'react';

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, params: new URLSearchParams(query) };
}

export function buildHash(
  path: string,
  params?: URLSearchParams | Record<string, string | undefined | null>,
): string {
  const search = new URLSearchParams();
  if (params instanceof URLSearchParams) params.forEach((v, k) => search.set(k, v));
  else if (params)
    for (const [k, v] of Object.entries(params))
      if (v !== undefined && v !== null && v !== '') search.set(k, v);
  const query = search.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function navigate(
  path: string,
  params?: Record<string, string | undefined | null>,
  replace = false,
): void {
  const hash = buildHash(path, params);
  if (replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  return parseHash(hash);
}

/** Reads and patches the current route's query parameters (a patch value of '' or undefined removes the key). */
export function useRouteParams(): [
  URLSearchParams,
  (patch: Record<string, string | undefined>, replace?: boolean) => void,
] {
  const route = useRoute();
  const setParams = useCallback((patch: Record<string, string | undefined>, replace = true) => {
    const current = parseHash(window.location.hash);
    const next: Record<string, string> = {};
    current.params.forEach((v, k) => (next[k] = v));
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
    }
    navigate(current.path, next, replace);
  }, []);
  return [route.params, setParams];
}
