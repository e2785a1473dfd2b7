// `npm run bench [-- --only NAME] [--scale small|large]`: runs the named benchmarks, one JSON line per figure.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bench, Scale } from './bench';

const { values } = parseArgs({
  options: { only: { type: 'string', multiple: true }, scale: { type: 'string', default: 'small' } },
});
const scale = values.scale as Scale;
if (scale !== 'small' && scale !== 'large') {
  console.error(`--scale must be small or large, not "${values.scale}"`);
  process.exit(2);
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches: Bench[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const mod = (await import(pathToFileURL(dir + file).href)) as { benches: Bench[] };
  benches.push(...mod.benches);
}
const only = values.only ?? [];
const chosen = benches.filter(
  (b) => only.length === 0 || only.some((o) => b.name === o || b.name.startsWith(o + '.')),
);
if (chosen.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}. Known: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const bench of chosen) {
  await bench.run({ scale, report: (figure) => console.log(JSON.stringify(figure)) });
}
