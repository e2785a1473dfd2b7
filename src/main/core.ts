// Builds the console's core on a workspace folder: database, sessions, push bus and dispatcher — with no Electron.
import { basename } from 'node:path';
import type { CoreHandle } from './core-types';
import { createDispatcher } from './api/dispatcher';
import { createPushBus } from './api/push-bus';
import type { CoreServices, WorkspaceInfo } from './api/context';
import { SessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import { openWorkspaceDatabase } from './db/open';
import type { SecretStore } from './secrets/secret-store';
import { ensureDefaultSettings } from './settings/service';

export interface CoreOptions {
  workspaceDir: string;
  migrationsDir: string;
  secrets?: SecretStore;
  clock?: Clock;
  workspace?: Partial<Omit<WorkspaceInfo, 'dir'>>;
  log?: (message: string, error: unknown) => void;
}

export type Core = CoreHandle & { services: CoreServices };

const SWEEP_EVERY_MS = 30_000;

export type { SecretStore };

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const { sqlite, db } = openWorkspaceDatabase(options.workspaceDir, options.migrationsDir);
  ensureDefaultSettings(sqlite, clock.now());
  const push = createPushBus();
  const sessions = new SessionStore(clock);
  const services: CoreServices = {
    db,
    sqlite,
    clock,
    sessions,
    push,
    workspace: {
      dir: options.workspaceDir,
      name: options.workspace?.name ?? basename(options.workspaceDir),
      mode: options.workspace?.mode ?? 'none',
      demoCredentials: options.workspace?.demoCredentials ?? [],
    },
  };
  const log = options.log ?? ((message, error) => console.error(`[lplate] ${message}:`, error));
  const dispatcher = createDispatcher(services, log);
  const sweep = setInterval(() => {
    for (const connectionId of sessions.sweepIdle()) {
      push.publish('session', { state: 'locked', reason: 'Locked after 15 minutes idle.' }, connectionId);
    }
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    dispatcher,
    push,
    services,
    workspaceDir: options.workspaceDir,
    close() {
      clearInterval(sweep);
      sqlite.close();
    },
  };
}
