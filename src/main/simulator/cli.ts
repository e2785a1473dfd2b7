// `npm run simulator -- --port 12111 --seed 42 --scenario demo`: runs the simulator until interrupted.
import { parseArgs } from 'node:util';
import { largeFraction, startSimulator, type StartOptions } from './index';

const USAGE =
  'usage: npm run simulator -- [--port N] [--seed N] [--scenario none|demo|large [--fraction F]] [--api-key sk_test_…] [--start-date YYYY-MM-DD] [--persist FILE]';

function fail(message: string): never {
  console.error(`${message} — ${USAGE}`);
  process.exit(2);
}

function parse(): StartOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        fraction: { type: 'string' },
        'api-key': { type: 'string' },
        'start-date': { type: 'string' },
        persist: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    // Node's parser can explain over several lines (a value starting with a dash); usage errors stay one line.
    fail((err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' '));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string): number | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !/^\d+$/.test(v))
      fail(`--${name} must be a non-negative integer, not "${String(v)}"`);
    return Number(v);
  };
  const port = int('port');
  if (port !== undefined && port > 65535) fail(`--port must be at most 65535`);
  const scenario = (values.scenario as string | undefined) ?? 'none';
  if (scenario !== 'none' && scenario !== 'demo' && scenario !== 'large')
    fail(`--scenario must be none, demo or large, not "${scenario}"`);
  const fraction = values.fraction as string | undefined;
  if (fraction !== undefined) {
    if (scenario !== 'large') fail('--fraction needs --scenario large (it is a share of the large scenario)');
    const f = /^\d*\.?\d+$/.test(fraction) ? Number(fraction) : NaN;
    if (!(f > 0 && f <= 1))
      fail(`--fraction must be a number above 0 and at most 1, like 0.01, not "${fraction}"`);
  }
  const startDate = values['start-date'] as string | undefined;
  if (
    startDate !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(Date.parse(startDate)))
  ) {
    fail(`--start-date must be a date like 2026-07-01, not "${startDate}"`);
  }
  const apiKey = values['api-key'] as string | undefined;
  if (apiKey !== undefined && !/^(sk|rk)_test_\w+$/.test(apiKey))
    fail('--api-key must look like sk_test_… or rk_test_…');
  return {
    port: port ?? 12111,
    seed: int('seed') ?? 42,
    // A share of large keeps an explicit --start-date, as the named presets do.
    scenario:
      fraction === undefined
        ? scenario
        : { ...largeFraction(Number(fraction)), ...(startDate ? { startDate } : {}) },
    apiKey,
    startDate,
    persistPath: values.persist as string | undefined,
  };
}

const options = parse();
const started = Date.now();
const sim = await startSimulator(options);
const summary = sim.control.summary();
const scenarioName =
  typeof options.scenario === 'object'
    ? `large at ${options.scenario.instructors} instructors, ${options.scenario.learners} learners, ${options.scenario.paymentsPerWeek} payments a week`
    : String(options.scenario);
console.log(`Stripe simulator listening on ${sim.url}`);
console.log(
  `  seed ${options.seed}, scenario ${scenarioName}, clock ${summary.nowIso}, ` +
    `${summary.counts.paymentIntents} payment intents, ${summary.counts.eventsEmitted} events (ready in ${Date.now() - started} ms)`,
);
console.log(
  `  control API: ${sim.url}/_sim (GET lists the routes); point the stripe SDK at host 127.0.0.1 port ${sim.port} protocol http`,
);
const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
