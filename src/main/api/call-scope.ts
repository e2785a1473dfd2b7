// Which contract call a commit belongs to: the dispatcher runs each handler in a scope that collects the tables its
// transactions wrote (to check them against the method's declared `writes`); background work runs outside any scope.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallScope {
  method: string;
  /** Tables the call's committed transactions wrote. */
  wrote: Set<string>;
}

const scope = new AsyncLocalStorage<CallScope>();

export function runInCall<T>(call: CallScope, work: () => T): T {
  return scope.run(call, work);
}

/** The call the current code runs for, if any. */
export function currentCall(): CallScope | undefined {
  return scope.getStore();
}

/**
 * Runs `work` (and every promise it starts) outside the caller's scope: a job a handler starts is not the handler,
 * and what it writes later is not the method's.
 */
export function detached<T>(work: () => T): T {
  return scope.exit(work);
}
