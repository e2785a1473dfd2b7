// Where finished exports go. The core writes each file under the workspace's exports folder; then a port decides
// how it reaches the operator: the app saves it where they choose (a save dialog), the headless host keeps it for
// one download by the connection that asked for it. No Electron here: the app injects its port.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { JobFile } from '../../shared/contract';
import type { Clock } from '../clock';

/** The app's save dialog: copies the file where the operator chose; null when they cancelled. */
export type SaveFilePort = (
  file: { path: string; name: string },
  connectionId: string,
) => Promise<string | null>;

interface Kept {
  path: string;
  name: string;
  connectionId: string;
  expiresAt: number;
}

const KEEP_MS = 60 * 60_000;

export const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export class ExportFiles {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly clock: Clock,
    private readonly save: SaveFilePort | null,
  ) {}

  /** Hands a written file to the operator of `connectionId`. */
  async deliver(file: { path: string; name: string; bytes: number }, connectionId: string): Promise<JobFile> {
    if (this.save) {
      const savedTo = await this.save(file, connectionId);
      rmSync(file.path, { force: true });
      return { name: file.name, bytes: file.bytes, url: null, savedTo };
    }
    const now = this.clock.now();
    this.sweep(now);
    const token = randomBytes(24).toString('base64url');
    this.kept.set(token, { ...file, connectionId, expiresAt: now + KEEP_MS });
    return { name: file.name, bytes: file.bytes, url: `/api/files/${token}`, savedTo: null };
  }

  /** The file behind a download address, for the connection it was made for (null otherwise, or once expired). */
  take(token: string, connectionId: string): { path: string; name: string } | null {
    this.sweep(this.clock.now());
    const kept = this.kept.get(token);
    if (!kept || kept.connectionId !== connectionId) return null;
    return { path: kept.path, name: kept.name };
  }

  private sweep(now: number): void {
    for (const [token, kept] of this.kept)
      if (kept.expiresAt <= now) {
        this.kept.delete(token);
        rmSync(kept.path, { force: true });
      }
  }
}
