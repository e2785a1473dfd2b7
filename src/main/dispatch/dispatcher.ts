// The one entry point for every transport: session → role → zod → handler → Result envelope. What the handler's
// commits really wrote reaches the screens as `changed` (see db/changes.ts) and must be in the method's `writes`.
import { contract, describeIssues, isMethodName, type MethodName, type Result } from '../../shared/contract';
import type { MethodSpec } from '../../shared/contract/define';
import type { CallOptions, Dispatcher } from '../core-types';
import type { CallingOperator, CoreServices, Handler } from '../api/context';
import { AppError } from '../api/errors';
import { runInCall } from '../api/call-scope';
import { handlers } from './handlers';
import { findOperatorById } from '../operators/queries';

const fail = (code: AppError['code'], message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: new AppError(code, message, details).toApiError(),
});

/** Where a call comes from when its transport says no more than its connection id. */
function describeConnection(connectionId: string): string {
  if (connectionId.startsWith('wc:')) return 'This computer (desktop app)';
  if (connectionId.startsWith('cli:')) return 'This computer (command line)';
  return 'Unknown';
}

export type AuthOutcome =
  { ok: true; operator: CallingOperator | null } | { ok: false; result: Result<never> };

export interface DispatcherOptions {
  /** Fail a call whose commits wrote a table its method does not declare (tests); otherwise it is logged. */
  strictWrites?: boolean;
  /** Told of every call as it arrives (sync keeps its slices short while calls come in). */
  onCall?: () => void;
}

export function createDispatcher(
  services: CoreServices,
  log: (message: string, error: unknown) => void,
  dispatcherOptions: DispatcherOptions = {},
): Dispatcher {
  /** Tables a call wrote that its method does not declare: a contract bug (stale screens), never silent. */
  function undeclared(name: MethodName, spec: MethodSpec, wrote: Set<string>): Result<never> | null {
    const extra = [...wrote].filter((t) => !(spec.writes as readonly string[]).includes(t)).sort();
    if (extra.length === 0) return null;
    const message = `${name} wrote ${extra.join(', ')} without declaring it in the contract's writes.`;
    log(message, new Error('undeclared write'));
    return dispatcherOptions.strictWrites ? fail('internal', message, { method: name, tables: extra }) : null;
  }

  function authorize(
    connectionId: string,
    name: MethodName,
    spec: MethodSpec,
    options: CallOptions,
  ): AuthOutcome {
    if (spec.access === 'public') {
      const id = services.sessions.peek(connectionId);
      const operator = id ? findOperatorById(services.sqlite, id) : null;
      return { ok: true, operator: operator?.isActive ? operator : null };
    }
    const session = services.sessions.touch(connectionId, !options.background);
    if (session.state === 'ended') {
      services.push.publish('session', session.end, connectionId);
      return { ok: false, result: fail('unauthenticated', `${session.end.reason} Sign in again.`) };
    }
    if (session.state === 'none') return { ok: false, result: fail('unauthenticated', 'Sign in first.') };
    const operator = findOperatorById(services.sqlite, session.operatorId);
    if (!operator || !operator.isActive) {
      services.sessions.signOut(connectionId, 'The account is no longer active.');
      return {
        ok: false,
        result: fail('unauthenticated', 'Your account is no longer active. Ask an admin.'),
      };
    }
    if (spec.access !== 'signedIn' && !spec.access.includes(operator.role)) {
      return {
        ok: false,
        result: fail('forbidden', `Your role (${operator.role}) may not use ${name}.`, {
          method: name,
          role: operator.role,
          allowed: spec.access,
        }),
      };
    }
    return {
      ok: true,
      operator: { id: operator.id, username: operator.username, name: operator.name, role: operator.role },
    };
  }

  return {
    async call(connectionId, name, rawInput, options = {}) {
      dispatcherOptions.onCall?.();
      if (!isMethodName(name)) return fail('not_found', `There is no method called "${String(name)}".`);
      const spec: MethodSpec = contract[name];
      const auth = authorize(connectionId, name, spec, options);
      if (!auth.ok) return auth.result;
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        const { message, details } = describeIssues(parsed.error.issues);
        return fail('validation', message, details);
      }
      const call = { method: name, wrote: new Set<string>() };
      try {
        const handler = handlers[name] as Handler<MethodName>;
        const data = await runInCall(call, () =>
          handler(
            {
              ...services,
              connectionId,
              from: options.from ?? describeConnection(connectionId),
              operator: auth.operator,
            },
            parsed.data as never,
          ),
        );
        return undeclared(name, spec, call.wrote) ?? { ok: true, data };
      } catch (error) {
        if (error instanceof AppError)
          return undeclared(name, spec, call.wrote) ?? { ok: false, error: error.toApiError() };
        log(`${name} failed`, error);
        return fail(
          'internal',
          'Something went wrong inside the console and the action did not complete. The details are in the log.',
        );
      }
    },
    disconnect(connectionId) {
      services.sessions.signOut(connectionId);
    },
    signedIn(connectionId) {
      return services.sessions.peek(connectionId) !== null;
    },
    sessionIdOf(connectionId) {
      return services.sessions.sessionIdOf(connectionId);
    },
    connectionOf(sessionId) {
      return services.sessions.connectionOf(sessionId);
    },
  };
}
