// A fresh console workspace that talks to a bench's simulator over HTTP: autosync off, logs silent, the key held in
// memory, the client's rate limit off unless a bench asks for one.
import { createCore, type CoreOptions } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';

/** A core in `dir` against the simulator on `port`, with `key` as its Stripe key; `options` add to or override these. */
export function simulatorCore(dir: string, port: number, key: string, options: Partial<CoreOptions> = {}) {
  return createCore({
    workspaceDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    autoSync: false,
    log: () => {},
    stripeApi: { host: '127.0.0.1', port, protocol: 'http' },
    secrets: { get: () => key, set: () => {}, delete: () => {} },
    sync: { rateLimitPerSecond: 0 },
    ...options,
  });
}
