// The node:http front: auth, Stripe-Account scoping, faults, idempotency, routing and Stripe envelopes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimulatorState } from '../state/state';
import { API_VERSION } from '../state/state';
import { StripeApiError, invalidRequest, paramError, unrecognizedUrl } from '../core/errors';
import { Prng } from '../core/prng';
import { Router } from './router';
import { parseParams } from './params';
import type { FaultInjector } from './faults';
import { keyTooLong, requestFingerprint, type IdempotencyStore } from './idempotency';
import { redactKey, type RestrictedKeys } from './permissions';
import type { RouteResult } from './route';
import { accountRoutes } from './routes-accounts';
import { paymentRoutes } from './routes-payments';
import { balanceRoutes } from './routes-balance';
import { refundRoutes } from './routes-refunds';
import { transferRoutes } from './routes-transfers';
import { payoutRoutes } from './routes-payouts';
import { couponRoutes } from './routes-coupons';
import { eventRoutes } from './routes-events';

export interface ServerDeps {
  state: () => SimulatorState;
  faults: FaultInjector;
  idempotency: IdempotencyStore;
  restrictedKeys: RestrictedKeys;
  apiKey?: string;
  seed: number;
  /** Serves /_sim/… (JSON control API). */
  control: (req: IncomingMessage, res: ServerResponse, body: string, url: URL) => void;
  /** Called after every request that may have changed state. */
  onMutation: () => void;
  /** The second the Date header gives (see `dateClock`). */
  dateNow: () => number;
}

/**
 * The Date header's clock: the simulated clock, or with `wall` that clock run on in real seconds, counted from the
 * first answer after it last moved (never backwards), as Stripe's own clock moves while a long backfill reads it.
 * Objects and events are still stamped with the simulated clock.
 */
export function dateClock(state: () => SimulatorState, wall: boolean): () => number {
  let moved = Number.NaN;
  let since = 0;
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = state().now;
    if (!wall) return now;
    if (now !== moved) {
      moved = now;
      since = Date.now();
    }
    last = Math.max(last, now + Math.floor((Date.now() - since) / 1000));
    return last;
  };
}

const router = new Router([
  ...accountRoutes,
  ...paymentRoutes,
  ...balanceRoutes,
  ...refundRoutes,
  ...transferRoutes,
  ...payoutRoutes,
  ...couponRoutes,
  ...eventRoutes,
]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function errorBody(err: StripeApiError): string {
  return JSON.stringify({ error: err.body });
}

/** Stripe takes the key as a Bearer token or as the Basic-auth user name (`curl -u sk_test_…:`). */
function keyFromAuthorization(header: string): string {
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').replace(/:.*$/s, '');
  return header.replace(/^Bearer\s+/i, '');
}

/** The request's API key, or Stripe's 401 when it is missing or not accepted. */
function authenticate(header: string | undefined, apiKey: string | undefined): string | StripeApiError {
  if (!header)
    return paramError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      undefined,
      undefined,
      401,
    );
  const key = keyFromAuthorization(header);
  const ok = apiKey ? key === apiKey : /^(sk|rk)_test_\w+$/.test(key);
  if (ok) return key;
  return paramError(`Invalid API Key provided: ${redactKey(key)}`, undefined, undefined, 401);
}

const faultBodies = {
  error500: { error: { type: 'api_error', message: 'An unknown error occurred (simulated fault).' } },
  rateLimit429: {
    error: {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Too many requests hit the API too quickly (simulated fault).',
    },
  },
};

export function createSimulatorServer(deps: ServerDeps): Server {
  const requestIds = new Prng(deps.seed ^ 0x7e9);
  return createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = `req_${requestIds.token(14)}`;
    res.setHeader('Request-Id', requestId);
    // Stripe's Date header is its server time: here, the simulated clock (sync orders fetched objects by it).
    res.setHeader('Date', new Date(deps.dateNow() * 1000).toUTCString());
    res.setHeader('Stripe-Version', String(req.headers['stripe-version'] ?? API_VERSION));
    if (url.pathname.startsWith('/_sim/') || url.pathname === '/_sim') {
      deps.control(req, res, body, url);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const state = deps.state();
    const key = authenticate(req.headers.authorization, deps.apiKey);
    if (key instanceof StripeApiError) return send(res, key.status, errorBody(key));
    const accountHeader = req.headers['stripe-account'];
    const account = typeof accountHeader === 'string' && accountHeader ? accountHeader : null;
    if (account !== null && !state.accounts.get(account)) {
      const err = invalidRequest(
        `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        undefined,
        'account_invalid',
        403,
      );
      return send(res, err.status, errorBody(err));
    }

    const fault = deps.faults.decide(method, url.pathname);
    if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.kind === 'dropBefore') return void req.socket.destroy();
    if (fault.kind === 'error500')
      return send(res, 500, JSON.stringify(faultBodies.error500), {
        'Stripe-Should-Retry': String(fault.shouldRetry),
      });
    if (fault.kind === 'rateLimit429')
      return send(res, 429, JSON.stringify(faultBodies.rateLimit429), {
        'Retry-After': String(fault.retryAfterSeconds),
        'Stripe-Should-Retry': 'true',
      });

    const idemKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    const scope = account ?? '';
    let fingerprint = '';
    let status: number;
    let text: string;
    const extraHeaders: Record<string, string> = {};
    try {
      const tooLong = idemKey === undefined ? undefined : keyTooLong(idemKey);
      if (tooLong) throw tooLong;
      const matched = router.match(method, url.pathname);
      if (matched === undefined || matched === 'method') throw unrecognizedUrl(method, url.pathname);
      const denied = deps.restrictedKeys.refusal(
        key,
        matched.route.resource,
        method,
        account ?? state.platformId,
      );
      if (denied) throw denied;
      const raw = parseParams(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : body);
      fingerprint = requestFingerprint(method, url.pathname, raw);
      const replay = idemKey ? deps.idempotency.lookup(scope, idemKey, fingerprint, state.now) : undefined;
      if (replay) {
        status = replay.status;
        text = replay.body;
        extraHeaders['Idempotent-Replayed'] = 'true';
      } else {
        state.request = { requestId: method === 'GET' ? null : requestId, idempotencyKey: idemKey ?? null };
        let result: RouteResult;
        try {
          result = matched.route.handler({ state, raw, path: matched.path, account, url: url.pathname });
        } finally {
          state.request = { requestId: null, idempotencyKey: null };
        }
        status = result.status ?? 200;
        text = 'raw' in result ? result.raw : JSON.stringify(result.body);
        if (idemKey) deps.idempotency.save(scope, idemKey, fingerprint, status, text, state.now);
        if (method !== 'GET') deps.onMutation();
      }
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      status = err.status;
      text = errorBody(err);
      // Stripe stores the answer once execution has begun, failures included; parameter refusals are not stored.
      if (err.stage === 'execution') {
        if (idemKey) deps.idempotency.save(scope, idemKey, fingerprint, status, text, state.now);
        if (method !== 'GET') deps.onMutation();
      }
    }
    if (idemKey) extraHeaders['Idempotency-Key'] = idemKey;
    if (fault.kind === 'dropAfter') return void req.socket.destroy();
    send(res, status, text, extraHeaders);
  }
}
