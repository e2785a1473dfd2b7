// One bench in a process of its own (forked by run.ts): the peak RSS and CPU it reports are that bench's alone.
import { pathToFileURL } from 'node:url';
import type { Bench, Scale } from './bench';

/** Which bench to run: its file, its name and the scale. */
export interface BenchRun {
  file: string;
  name: string;
  scale: Scale;
}

/** Sent once every figure is printed. */
export type BenchRunMessage = { kind: 'done' };

// If run.ts goes (killed, interrupted), so does its bench, and with it the bench's own children.
process.on('disconnect', () => process.exit(1));
const run = JSON.parse(process.env.LPLATE_BENCH_RUN ?? '{}') as BenchRun;
const { benches } = (await import(pathToFileURL(run.file).href)) as { benches: Bench[] };
const bench = benches.find((b) => b.name === run.name);
if (!bench) throw new Error(`No bench ${run.name} in ${run.file}`);
await bench.run({ scale: run.scale, report: (figure) => console.log(JSON.stringify(figure)) });
// Exit even if the bench left a timer or socket behind; the figures are printed (stdout to a pipe or file is synchronous).
process.send!({ kind: 'done' } satisfies BenchRunMessage, () => process.exit(0));
