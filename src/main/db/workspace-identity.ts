// The workspace's own id: made at its first opening, fixed by triggers, and the name of its keys outside the file.
import { randomUUID } from 'node:crypto';
import type { Sqlite } from './open';

export function workspaceIdentity(sqlite: Sqlite, now: number): string {
  const existing = sqlite.prepare('SELECT id FROM workspace_identity').pluck().get() as string | undefined;
  if (existing) return existing;
  const id = randomUUID();
  sqlite.prepare('INSERT INTO workspace_identity (id, created_at) VALUES (?, ?)').run(id, now);
  return id;
}
