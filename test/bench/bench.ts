// The shape every benchmark file shares: `npm run bench` finds `*.bench.ts` files and runs their benches.
export type Scale = 'small' | 'large';

/** One figure, printed as one JSON line: {"bench": "...", "value": N, "unit": "...", ...extra}. */
export interface BenchFigure {
  bench: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

export interface Bench {
  /** Name used by `--only` (a prefix match: `--only simulator` runs `simulator.*`). */
  name: string;
  run(options: { scale: Scale; report: (figure: BenchFigure) => void }): Promise<void>;
}
