// Reads a workspace's database file once in the background after it opens, so that the first screen a person opens
// after a restart finds its index pages in the operating system's file cache instead of waiting on the disk
// (docs/sync.md, "First calls after a restart": the Audit log's first page took 648 ms cold, 66 ms warm at 1M payments).
import { open } from 'node:fs/promises';
import { totalmem } from 'node:os';

/** Reads in pieces this large; each read runs on libuv's thread pool, so the event loop is never held. */
const CHUNK_BYTES = 1 << 20;

export type WarmResult =
  | { state: 'read'; bytes: number; ms: number }
  | { state: 'stopped'; bytes: number }
  | { state: 'skipped'; reason: 'too large' | 'unreadable' | 'one-shot'; bytes: number };

export interface FileWarmer {
  /** Settles once the file is read, skipped or stopped; never rejects. */
  done: Promise<WarmResult>;
  /** Stops after the read in flight (the workspace is closing). */
  stop(): void;
}

/** A one-shot command (the CLI's) reads what it needs and ends: no warm-up. */
export const NO_WARMING: Promise<WarmResult> = Promise.resolve({
  state: 'skipped',
  reason: 'one-shot',
  bytes: 0,
});

/**
 * Reads `file` from start to end, discarding what it reads. A file larger than `maxBytes` (by default a quarter of the
 * machine's memory, so that warming one workspace does not push everything else out of the cache) is not read.
 */
export function warmFileCache(file: string, maxBytes = Math.floor(totalmem() / 4)): FileWarmer {
  let stopped = false;
  const run = async (): Promise<WarmResult> => {
    const started = performance.now();
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return { state: 'skipped', reason: 'unreadable', bytes: 0 };
    }
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { state: 'skipped', reason: 'too large', bytes: size };
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let bytes = 0;
      // Up to the size checked: what a sync appends meanwhile is in the cache already, having just been written.
      while (bytes < size) {
        if (stopped) return { state: 'stopped', bytes };
        const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - bytes), bytes);
        if (bytesRead === 0) break; // the file shrank (a vacuum)
        bytes += bytesRead;
      }
      return { state: 'read', bytes, ms: Math.round(performance.now() - started) };
    } catch {
      return { state: 'skipped', reason: 'unreadable', bytes: 0 };
    } finally {
      await handle.close().catch(() => {});
    }
  };
  return {
    done: run(),
    stop: () => {
      stopped = true;
    },
  };
}
