// What a bench process has written to disk, so a figure can set it against the database it produced, and sizes in MiB.
import { readFileSync } from 'node:fs';

/** Bytes this process has had written to disk so far (Linux's /proc/self/io), or null where that is not known. */
export function diskWrittenBytes(): number | null {
  try {
    const match = /^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Bytes as whole MiB, as bench figures give most sizes. */
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
