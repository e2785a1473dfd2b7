// Where a V8 CPU profile (`node --cpu-prof`, or a bench run with LPLATE_BENCH_CPU_PROF) spent its busy time: each
// function's own time, largest first. Time in SQLite counts as the JavaScript function that ran the statement, and a
// file's anonymous functions share one row.
//   npx tsx scripts/cpu-profile.ts FILE.cpuprofile [ROWS]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds from the sample before (from `startTime` for the first). */
  timeDeltas: number[];
}

/** A frame's file, short: a package's path from its name, the project's from its root. */
const PROJECT_ROOT = new URL('..', import.meta.url).href;
const shortUrl = (url: string) => url.replace(/^.*\/node_modules\//, '').replace(PROJECT_ROOT, '');

/** Microseconds sampled in each function (its own time, not its callees'), idle time apart. */
export function ownTimes(profile: CpuProfile): {
  idle: number;
  busy: number;
  byFunction: [string, number][];
} {
  const nameOf = new Map(
    profile.nodes.map(({ id, callFrame: { functionName, url } }) => [
      id,
      `${functionName || '(anonymous)'} ${shortUrl(url)}`.trim(),
    ]),
  );
  // A sample stands for the time until the next one (the last, until the profile ends), as Chrome's DevTools count it.
  const own = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const until = i + 1 < profile.samples.length ? at + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    const name = nameOf.get(id) ?? '(unknown)';
    own.set(name, (own.get(name) ?? 0) + Math.max(0, until - at));
  });
  const idle = own.get('(idle)') ?? 0;
  own.delete('(idle)');
  const byFunction = [...own].sort((a, b) => b[1] - a[1]);
  return { idle, busy: byFunction.reduce((sum, [, micros]) => sum + micros, 0), byFunction };
}

function main([file, rows = '40']: string[]): void {
  if (!file || !/^\d+$/.test(rows)) {
    console.error('Usage: npx tsx scripts/cpu-profile.ts FILE.cpuprofile [ROWS]');
    process.exit(2);
  }
  const { idle, busy, byFunction } = ownTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const lines = [
    `${((idle + busy) / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy; shares of it:`,
  ];
  for (const [name, micros] of byFunction.slice(0, Number(rows)))
    lines.push(
      `${((100 * micros) / Math.max(1, busy)).toFixed(1).padStart(5)} %  ${(micros / 1e3).toFixed(0).padStart(7)} ms  ${name}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
