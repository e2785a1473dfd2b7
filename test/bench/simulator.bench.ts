// Simulator benches: time to generate the `large` scenario, and events served per second over HTTP.
import Stripe from 'stripe';
import type { Bench } from './bench';
import { mb } from './disk-written';
import {
  largeFraction,
  generateScenario,
  startSimulator,
  type ScenarioOptions,
} from '../../src/main/simulator/index';

function largeOptions(scale: 'small' | 'large'): { options: ScenarioOptions; fraction: number } {
  const fraction = scale === 'large' ? 1 : 1 / 20;
  return { fraction, options: { ...largeFraction(fraction), seed: 42 } };
}

export const benches: Bench[] = [
  {
    name: 'simulator.generateLarge',
    async run({ scale, report }) {
      const { options, fraction } = largeOptions(scale);
      const t = performance.now();
      const { state, result } = generateScenario(options);
      const seconds = (performance.now() - t) / 1000;
      const mem = process.memoryUsage();
      report({
        bench: 'simulator.generateLarge',
        value: Math.round(seconds * 100) / 100,
        unit: 's',
        scale,
        fractionOfLargePreset: fraction,
        note:
          fraction === 1
            ? 'full large preset'
            : `large preset scaled to ${fraction} (instructors, learners, payments per week); weeks unchanged`,
        instructors: options.instructors,
        learners: options.learners,
        weeks: options.weeks,
        payments: result.counts.payments,
        completions: result.completionCount,
        transfers: result.counts.transfers,
        eventsEmitted: state.events.emitted,
        eventsRetained: state.events.events.length,
        paymentsPerSecond: Math.round(result.counts.payments / seconds),
        heapUsedMB: mb(mem.heapUsed),
        rssMB: mb(mem.rss),
      });
    },
  },
  {
    name: 'simulator.eventsList',
    async run({ scale, report }) {
      const paymentsPerWeek = scale === 'large' ? 40_000 : 8_000;
      const t0 = performance.now();
      const sim = await startSimulator({
        seed: 42,
        scenario: {
          weeks: 5,
          instructors: 400,
          learners: 8000,
          paymentsPerWeek,
          refundBps: 300,
          disputeBps: 20,
        },
      });
      const setupSeconds = (performance.now() - t0) / 1000;
      try {
        // Plain fetch, the way a sync engine pages: limit 100, starting_after the last id.
        const headers = { authorization: 'Bearer sk_test_bench' };
        let count = 0;
        let cursor: string | undefined;
        const t = performance.now();
        for (;;) {
          const res = await fetch(
            `${sim.url}/v1/events?limit=100${cursor ? `&starting_after=${cursor}` : ''}`,
            { headers },
          );
          const page = (await res.json()) as { data: { id: string }[]; has_more: boolean };
          count += page.data.length;
          if (!page.has_more) break;
          cursor = page.data[page.data.length - 1]!.id;
        }
        const seconds = (performance.now() - t) / 1000;
        // The same walk through the stripe SDK's auto-pagination.
        const stripe = new Stripe('sk_test_bench', {
          host: '127.0.0.1',
          port: sim.port,
          protocol: 'http',
          maxNetworkRetries: 0,
        });
        let sdkCount = 0;
        const ts = performance.now();
        for await (const _e of stripe.events.list({ limit: 100 })) sdkCount++;
        const sdkSeconds = (performance.now() - ts) / 1000;
        report({
          bench: 'simulator.eventsList',
          value: Math.round(count / seconds),
          unit: 'events/s',
          scale,
          client: 'fetch, limit 100, starting_after',
          events: count,
          pages: Math.ceil(count / 100),
          seconds: Math.round(seconds * 100) / 100,
          sdkEventsPerSecond: Math.round(sdkCount / sdkSeconds),
          sdkEvents: sdkCount,
          scenarioSetupSeconds: Math.round(setupSeconds * 100) / 100,
        });
      } finally {
        await sim.close();
      }
    },
  },
];
