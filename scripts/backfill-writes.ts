// Which B-trees a backfill's writes go to: backfills a share of `large` from a simulator process and, between the
// apply's commits, reads the page number of every frame SQLite appended to the WAL, then names each page's B-tree.
// `npx tsx scripts/backfill-writes.ts [fraction, default 0.01]`; the figures are in docs/sync.md.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatorProcess } from '../test/bench/simulator-process';
import { largeFraction } from '../src/main/simulator/index';
import { simulatorCore } from '../test/bench/simulator-core';
import { KEY } from '../test/bench/sync.bench';
import { connectStripe } from '../src/main/sync/connect';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** Follows a WAL file from outside SQLite: each call returns the frames' pages of each commit since the last call. */
function walFollower(path: string) {
  const head = Buffer.alloc(WAL_HEADER);
  const frame = Buffer.alloc(FRAME_HEADER);
  let salt = -1;
  let offset = WAL_HEADER;
  return (): number[][] => {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return [];
    }
    try {
      if (readSync(fd, head, 0, WAL_HEADER, 0) < WAL_HEADER) return [];
      const pageSize = head.readUInt32BE(8);
      if (head.readUInt32BE(16) !== salt) [salt, offset] = [head.readUInt32BE(16), WAL_HEADER];
      const commits: number[][] = [];
      let pending: number[] = [];
      for (;;) {
        if (readSync(fd, frame, 0, FRAME_HEADER, offset) < FRAME_HEADER || frame.readUInt32BE(8) !== salt)
          break;
        pending.push(frame.readUInt32BE(0));
        offset += FRAME_HEADER + pageSize;
        // A frame with the database's size after it ends a commit: only whole commits are counted.
        if (frame.readUInt32BE(4) === 0) continue;
        commits.push(pending);
        pending = [];
      }
      offset -= pending.length * (FRAME_HEADER + pageSize);
      return commits;
    } finally {
      closeSync(fd);
    }
  };
}

const fraction = Number(process.argv[2] ?? 0.01);
const sim = await startSimulatorProcess({
  seed: 42,
  scenario: { ...largeFraction(fraction), seed: 42 },
  payoutSchedule: 'weekly',
  wallClockDates: true,
});
const dir = mkdtempSync(join(tmpdir(), 'lplate-backfill-writes-'));
const core = await simulatorCore(dir, sim.ready.port, KEY);
/** Pages written to disk if `merge` commits in a row were one, and a checkpoint ran once the WAL held `limit` frames. */
function modelled(trace: Uint32Array[], merge: number, limit: number): { wal: number; checkpointed: number } {
  let wal = 0;
  let checkpointed = 0;
  let sinceCheckpoint = new Set<number>();
  let walFrames = 0;
  for (let i = 0; i < trace.length; i += merge) {
    const commit = new Set<number>();
    for (const pages of trace.slice(i, i + merge)) for (const page of pages) commit.add(page);
    wal += commit.size;
    walFrames += commit.size;
    for (const page of commit) sinceCheckpoint.add(page);
    if (walFrames < limit && i + merge < trace.length) continue;
    checkpointed += sinceCheckpoint.size;
    sinceCheckpoint = new Set();
    walFrames = 0;
  }
  return { wal, checkpointed };
}

try {
  const follow = walFollower(join(dir, 'lplate.sqlite-wal'));
  const trace: Uint32Array[] = [];
  // Timers run between the apply's slices, each its own commit; a commit the follower misses only thins the sample.
  // The gaps between ticks are how long the thread was held at a time: what a contract call could wait.
  const gaps: number[] = [];
  let last = performance.now();
  const tick = setInterval(() => {
    trace.push(...follow().map((pages) => Uint32Array.from(pages)));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  const t = performance.now();
  await core.sync.wait(await connectStripe(core.services, core.sync, KEY, { userId: null }));
  clearInterval(tick);
  const seconds = (performance.now() - t) / 1000;
  const { sqlite } = core.services;
  const owner = new Map<number, string>();
  for (const { name, pageno } of sqlite.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{
    name: string;
    pageno: number;
  }>)
    owner.set(pageno, name);
  const treePages = new Map<string, number>();
  for (const name of owner.values()) treePages.set(name, (treePages.get(name) ?? 0) + 1);
  const byTree = new Map<string, { frames: number; pages: Set<number> }>();
  let frames = 0;
  for (const pages of trace)
    for (const page of pages) {
      const name = owner.get(page) ?? '(freed since)';
      const tree = byTree.get(name) ?? { frames: 0, pages: new Set<number>() };
      tree.frames++;
      tree.pages.add(page);
      byTree.set(name, tree);
      frames++;
    }
  const dbPages = statSync(join(dir, 'lplate.sqlite')).size / 4096;
  console.log(
    `${fraction} of large: ${seconds.toFixed(0)} s; ${trace.length} commits seen, ${frames} frames ` +
      `(${(frames / trace.length).toFixed(0)} a commit) for a database of ${dbPages} pages`,
  );
  gaps.sort((a, b) => a - b);
  const held = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]!.toFixed(0);
  console.log(`thread held at a time: p99 ${held(0.99)} ms, p99.9 ${held(0.999)} ms, longest ${held(1)} ms`);
  console.log('B-tree'.padEnd(48), 'frames', ' share', 'distinct pages', 'tree pages');
  const top = [...byTree]
    .sort((a, b) => b[1].frames - a[1].frames)
    .filter(([, tree]) => tree.frames >= frames / 1000);
  for (const [name, tree] of top)
    console.log(
      name.padEnd(48),
      String(tree.frames).padStart(6),
      `${((tree.frames / frames) * 100).toFixed(1)}%`.padStart(6),
      String(tree.pages.size).padStart(14),
      String(treePages.get(name) ?? 0).padStart(10),
    );
  console.log(
    '\nmodelled pages written (WAL + checkpoint) over the database pages, by commit size and checkpoint limit:',
  );
  const limits = [1000, 16_384, 65_536, 262_144];
  console.log('commits merged'.padEnd(16), ...limits.map((l) => `ckpt ${l}`.padStart(13)));
  for (const merge of [1, 2, 4, 8])
    console.log(
      String(merge).padEnd(16),
      ...limits.map((limit) => {
        const { wal, checkpointed } = modelled(trace, merge, limit);
        return `${((wal + checkpointed) / dbPages).toFixed(1)}×`.padStart(13);
      }),
    );
} finally {
  core.close();
  sim.kill();
  rmSync(dir, { recursive: true, force: true });
}
