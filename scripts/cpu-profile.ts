// Where a V8 CPU profile (`node --cpu-prof`, or a bench run with LPLATE_BENCH_CPU_PROF) spent its busy time: each
// function's own time, largest first. Time in SQLite counts as the JavaScript function that ran the statement.
//   npx tsx scripts/cpu-profile.ts FILE.cpuprofile [ROWS]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rows = '40'] = process.argv.slice(2);
if (!file) {
  console.error('Usage: npx tsx scripts/cpu-profile.ts FILE.cpuprofile [ROWS]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
/** A frame's file, short: a package's path from its name, the project's from its root. */
const root = new URL('..', import.meta.url).href;
const shortUrl = (url: string) => url.replace(/^.*\/node_modules\//, '').replace(root, '');
const nameOf = new Map(
  profile.nodes.map(({ id, callFrame: { functionName, url } }) => [
    id,
    `${functionName || '(anonymous)'} ${shortUrl(url)}`.trim(),
  ]),
);
const own = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const micros = profile.timeDeltas[i] ?? 0;
  const name = nameOf.get(id) ?? '(unknown)';
  own.set(name, (own.get(name) ?? 0) + micros);
  total += micros;
});
const busy = Math.max(1, total - (own.get('(idle)') ?? 0));
own.delete('(idle)');
const lines = [
  `${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy; shares of the busy time:`,
];
for (const [name, micros] of [...own].sort((a, b) => b[1] - a[1]).slice(0, Number(rows)))
  lines.push(
    `${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${(micros / 1e3).toFixed(0).padStart(7)} ms  ${name}`,
  );
process.stdout.write(`${lines.join('\n')}\n`);
