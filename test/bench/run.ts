// `npm run bench [-- --only NAME] [--scale small|large]`: runs the named benchmarks, one JSON line per figure.
// Each bench runs in a process of its own (bench-run-child.ts), so its peak RSS is its own, not the run's so far.
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bench, Scale } from './bench';
import { forkBenchChild, nextMessage } from './bench-child';
import type { BenchRun, BenchRunMessage } from './bench-run-child';

const { values } = parseArgs({
  options: { only: { type: 'string', multiple: true }, scale: { type: 'string', default: 'small' } },
});
const scale = values.scale as Scale;
if (scale !== 'small' && scale !== 'large') {
  console.error(`--scale must be small or large, not "${values.scale}"`);
  process.exit(2);
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches: BenchRun[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const mod = (await import(pathToFileURL(dir + file).href)) as { benches: Bench[] };
  benches.push(...mod.benches.map((b) => ({ file: dir + file, name: b.name, scale })));
}
const only = values.only ?? [];
const chosen = benches.filter(
  (b) => only.length === 0 || only.some((o) => b.name === o || b.name.startsWith(o + '.')),
);
if (chosen.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}. Known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const CHILD = fileURLToPath(new URL('./bench-run-child.ts', import.meta.url));
for (const bench of chosen) {
  // The child prints its figures on the stdout it shares with this process, then says it is done.
  const child = forkBenchChild(CHILD, { LPLATE_BENCH_RUN: JSON.stringify(bench) });
  try {
    await nextMessage<BenchRunMessage>(child, `bench ${bench.name}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  if (child.exitCode === null) await once(child, 'exit');
}
