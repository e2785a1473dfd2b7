// The team bench's desks in a process of their own: each pages Payments and polls sync status over pinned TLS,
// as a desktop on another machine would, so the server process does only the server's work.
import { connectRemoteCore } from '../../src/main/team/remote-core';

export interface TeamClientsOptions {
  port: number;
  fingerprint: string;
  clients: number;
  thinkMs: number;
  username: string;
  password: string;
}

/** What the desks report: once signed in (when told to), then their timings once told the backfill is over. */
export type TeamClientsMessage =
  | { kind: 'ready' }
  | { kind: 'done'; latencies: number[]; polls: number; refused: number; refusals: string[] };

const options = JSON.parse(process.env.LPLATE_TEAM_CLIENTS ?? '{}') as TeamClientsOptions;
const send = (message: TeamClientsMessage) => process.send!(message);
const remote = connectRemoteCore({ host: '127.0.0.1', port: options.port }, options.fingerprint);
const windows = Array.from({ length: options.clients }, (_, i) => `wc:${i + 1}`);
let running = true;
process.on('message', (message) => {
  if (message === 'sign-in') void signIn();
  if (message === 'go') void desks();
  if (message === 'stop') running = false;
});

async function signIn() {
  for (const w of windows) {
    const r = await remote.dispatcher.call(w, 'auth.signIn', {
      username: options.username,
      password: options.password,
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  send({ kind: 'ready' });
}

async function desks() {
  const latencies: number[] = [];
  const refusals = new Set<string>();
  let refused = 0;
  let polls = 0;
  const note = (r: { ok: boolean; error?: { message: string } }) => {
    if (r.ok) return;
    refused += 1;
    refusals.add(r.error!.message);
  };
  await Promise.all(
    windows.map(async (w, i) => {
      let page = 1 + (i % 5);
      // At least a few pages each, and on until the backfill ends.
      for (let n = 0; running || n < 5; n += 1) {
        const t = performance.now();
        const r = await remote.dispatcher.call(
          w,
          'payments.list',
          { page, pageSize: 50 },
          { background: true },
        );
        latencies.push(performance.now() - t);
        note(r);
        note(await remote.dispatcher.call(w, 'sync.status', {}, { background: true }));
        polls += 1;
        page = (page % 10) + 1;
        await new Promise((resolve) => setTimeout(resolve, options.thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  remote.close();
  // Disconnecting at once could drop the answer still queued on the channel.
  process.send!(
    { kind: 'done', latencies, polls, refused, refusals: [...refusals] } satisfies TeamClientsMessage,
    () => process.disconnect(),
  );
}
