// The LplateBridge over HTTP for the headless host: POST /api/call/<method> and a fetch-read SSE stream of push events.
// The session rides in the host's HttpOnly cookie (issued at sign-in, never readable here); on the local host the tab
// also holds the host token, which proves the page came from the host (a team server has none: operators sign in).
// A host that stops answering signs the tab out with the desktop's words: nothing stale stays on screen as current.
import type { InvokeOptions, LplateBridge } from '@shared/contract/bridge';
import type { ApiError, PushEventName, PushEvents, Result } from '@shared/contract';
import { APP_VERSION } from '@shared/version';
import { offlineMessage } from '@shared/offline';

export const EXPIRED_LINK_MESSAGE =
  'This console link has expired; open the URL printed by `npm run serve` again.';

const TOKEN_KEY = 'lplate.token';
/** Calls that start or end the session: the event stream is opened again so that it carries the new cookie. */
const SESSION_CHANGING = new Set(['auth.signIn', 'auth.createFirstAdmin', 'auth.signOut']);

/** Reads `#token=…` once, keeps it in sessionStorage and replaces the hash with `#/`; returns the token in use. */
export function takeBootToken(
  loc: Location = window.location,
  storage: Storage = window.sessionStorage,
): string | null {
  const match = /^#token=([^&]+)/.exec(loc.hash);
  if (match) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    window.history.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
  }
  return storage.getItem(TOKEN_KEY);
}

export interface HttpBridgeOptions {
  token: string | null;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** The host as the offline message names it (default: the page's). */
  hostName?: string;
}

type Listener = (payload: unknown) => void;

export function createHttpBridge(options: HttpBridgeOptions): LplateBridge {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const headers = (): Record<string, string> => ({
    'X-LPlate-Client': 'console',
    'X-LPlate-Version': APP_VERSION,
    ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
  });
  /** Why the host refused: its own words when it gave them (another version), else the expired-link message. */
  const refusal = async (response: Response): Promise<ApiError> => {
    if (response.status === 409) {
      const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
      if (body?.error) return body.error;
    }
    return { code: 'unauthenticated', message: EXPIRED_LINK_MESSAGE, details: { status: response.status } };
  };
  /**
   * Any other answer but 200: the host's own error when it sent one, else (a proxy's 502, a restart) what happened
   * in plain words. Never "unauthenticated": that ends the session, and signing in again against a failing host
   * asked again and again (a 502 once made the client fire about 200 calls in 10 s).
   */
  const hostFailure = async (response: Response): Promise<ApiError> => {
    const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    if (body?.error?.code && body.error.code !== 'unauthenticated') return body.error;
    return {
      code: 'internal',
      message: `The console host answered HTTP ${response.status}: it may be restarting. Try again in a moment.`,
      details: { status: response.status },
    };
  };
  const listeners = new Map<PushEventName, Set<Listener>>();
  const hostName = options.hostName ?? window.location.host;
  let streaming = false;
  /** The event stream is open: the host answers. Losing it (or a call) while true signs the tab out, once. */
  let online = false;
  /** Aborts the stream being read, so the loop opens it again at once (after a sign-in or sign-out). */
  let current: AbortController | null = null;

  const emit = (event: string, payload: unknown): void => {
    const set = listeners.get(event as PushEventName);
    if (set) for (const l of set) l(payload);
  };
  const wentOffline = (why: string): string => {
    const message = offlineMessage(hostName, why);
    if (online) emit('session', { state: 'signedOut', reason: message });
    online = false;
    return message;
  };

  async function readStream(signal: AbortSignal): Promise<ApiError | 'closed'> {
    const response = await doFetch(`${baseUrl}/api/events`, {
      headers: { ...headers(), Accept: 'text/event-stream' },
      signal,
    });
    if ([401, 403, 409].includes(response.status)) return refusal(response);
    if (!response.ok || !response.body) return 'closed';
    online = true;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'closed';
      buffer += value.replace(/\r\n/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length === 0) continue;
        try {
          emit(event, JSON.parse(data.join('\n')));
        } catch {
          // A malformed frame is dropped; the next `changed` event refreshes the views anyway.
        }
      }
    }
  }

  async function streamLoop(): Promise<void> {
    let delay = 1_000;
    for (;;) {
      const started = Date.now();
      const controller = (current = new AbortController());
      let outcome: ApiError | 'closed' = 'closed';
      try {
        outcome = await readStream(controller.signal);
      } catch {
        outcome = 'closed';
      }
      if (controller.signal.aborted) {
        delay = 1_000;
        continue;
      }
      if (outcome !== 'closed') {
        emit('session', { state: 'signedOut', reason: outcome.message });
        streaming = false;
        return;
      }
      wentOffline('the connection closed');
      if (Date.now() - started > 30_000) delay = 1_000;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  return {
    async download(url: string): Promise<Blob> {
      const response = await doFetch(`${baseUrl}${url}`, { headers: headers() });
      if (!response.ok) throw new Error('The file is no longer available: export it again.');
      return response.blob();
    },
    async invoke(method: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            ...headers(),
            'Content-Type': 'application/json',
            ...(options?.background ? { 'X-LPlate-Background': '1' } : {}),
          },
          body: JSON.stringify({ input: input ?? {} }),
        });
      } catch (cause) {
        const error: ApiError = {
          code: 'internal',
          message: wentOffline(String((cause as Error)?.message ?? cause)),
          details: { offline: true },
        };
        return { ok: false, error };
      }
      if ([401, 403, 409].includes(response.status)) return { ok: false, error: await refusal(response) };
      if (response.status !== 200) return { ok: false, error: await hostFailure(response) };
      const result = (await response.json()) as Result<unknown>;
      if (result.ok && SESSION_CHANGING.has(method)) current?.abort();
      return result;
    },
    on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      if (!streaming) {
        streaming = true;
        void streamLoop();
      }
      // The stream lives as long as the tab: resubscribing (React strict mode, remounts) reuses it.
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
