// The workspaces this desktop opened, most recent first, kept in a small JSON file beside its local workspaces; a
// server is remembered with the fingerprint the operator accepted, which is what it is pinned to next time.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { workspaceRef, type WorkspaceRef } from '../../shared/contract/desktop';

const MAX_RECENT = 8;
const stored = z.array(workspaceRef);

export const sameWorkspace = (a: WorkspaceRef, b: WorkspaceRef): boolean =>
  a.kind === b.kind &&
  (a.kind === 'demo' ||
    (a.kind === 'local' && b.kind === 'local' && a.name === b.name) ||
    (a.kind === 'server' && b.kind === 'server' && a.url === b.url));

export class RecentWorkspaces {
  constructor(private readonly file: string) {}

  /** What the file holds; a missing or damaged file is an empty list (the desktop then offers the choice again). */
  list(): WorkspaceRef[] {
    try {
      const parsed = stored.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  remember(ref: WorkspaceRef): WorkspaceRef[] {
    const list = [ref, ...this.list().filter((r) => !sameWorkspace(r, ref))].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(list, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
    return list;
  }
}
