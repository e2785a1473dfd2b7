// The sync bench's simulator in a process of its own, so the console process's memory and CPU are measured alone.
import { startSimulator, type StartOptions } from '../../src/main/simulator/index';
import { mb } from './disk-written';

/** What the child reports: once ready, its CPU so far when asked, and once more when told to stop. */
export type SimulatorChildMessage =
  | { kind: 'ready'; port: number; generateSeconds: number; rssMB: number; cpuSeconds: number }
  | { kind: 'usage'; cpuSeconds: number }
  | { kind: 'stopped'; peakRssMB: number; cpuSeconds: number };

const cpuSeconds = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1e6;
};
const send = (message: SimulatorChildMessage) => process.send!(message);

// The bench that started it is gone (or has stopped it): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
const options = JSON.parse(process.env.LPLATE_SIMULATOR_OPTIONS ?? '{}') as StartOptions;
const t = performance.now();
const sim = await startSimulator({ ...options, port: 0 });
send({
  kind: 'ready',
  port: sim.port,
  generateSeconds: (performance.now() - t) / 1000,
  rssMB: mb(process.memoryUsage().rss),
  cpuSeconds: cpuSeconds(),
});
process.on('message', (message) => {
  if (message === 'usage') send({ kind: 'usage', cpuSeconds: cpuSeconds() });
  if (message !== 'stop') return;
  const cpu = cpuSeconds();
  void sim.close().then(() => {
    send({
      kind: 'stopped',
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
      cpuSeconds: cpu,
    });
    process.disconnect();
  });
});
