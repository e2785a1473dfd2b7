// Finds the sync engine of the workspace a handler runs on (one engine per open database).
import type { Sqlite } from '../db/open';
import type { SyncEngine } from './engine';

const engines = new WeakMap<Sqlite, SyncEngine>();

export function registerSyncEngine(sqlite: Sqlite, engine: SyncEngine): void {
  engines.set(sqlite, engine);
}

export function syncEngineOf(sqlite: Sqlite): SyncEngine {
  const engine = engines.get(sqlite);
  if (!engine) throw new Error('this core has no sync engine');
  return engine;
}
