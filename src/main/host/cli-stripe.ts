// `lplate stripe connect|status|disconnect`: a server's Stripe connection from a terminal. The key comes from a file
// or standard input — never an argument, which would stay in the shell's history.
import { readFileSync } from 'node:fs';
import type { SyncStatus } from '../../shared/contract/sync';
import { formatInstant } from '../../shared/dates';
import type { Core } from '../core';
import { call, CallFailed, EXIT, signIn, UsageError, type CliIo } from './cli-kit';
import { waitForJob } from './cli-jobs';
import { NoTerminalError, promptHidden } from './prompt';

/** How the CLI reads a key that was not given in a file: piped on standard input, or typed at a hidden prompt. */
export interface KeyInput {
  readKey?: () => Promise<string>;
}

export async function readKeyFromStdin(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden('Stripe secret or restricted key: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface StripeArgs {
  positionals: string[];
  values: { operator?: string; json?: boolean; 'key-file'?: string };
}

const USE = 'Use: lplate stripe connect [--key-file FILE] | lplate stripe status | lplate stripe disconnect';

async function readKey(args: StripeArgs, io: CliIo & KeyInput): Promise<string> {
  if (args.positionals.length > 2) {
    const looksLikeKey = /^(sk|rk)_(test|live)_/.test(args.positionals[2] ?? '');
    throw new UsageError(
      `lplate never takes the key as an argument: give it with --key-file FILE or on standard input.${
        looksLikeKey ? ' That key is now in your shell history: roll it in the Stripe Dashboard.' : ''
      }`,
    );
  }
  const file = args.values['key-file'];
  let key: string;
  try {
    if (file) key = readFileSync(file, 'utf8');
    else if (io.readKey) key = await io.readKey();
    else throw new UsageError('Give the key with --key-file FILE or on standard input.');
  } catch (error) {
    if (error instanceof UsageError || error instanceof NoTerminalError) throw error;
    throw new UsageError(
      `Could not read the key from ${file ?? 'standard input'}: ${(error as Error).message}`,
    );
  }
  if (!key.trim()) throw new UsageError(`No key in ${file ?? 'standard input'}.`);
  return key.trim();
}

function accountLine(s: SyncStatus): string {
  const a = s.account;
  const where = a
    ? `${a.name ?? 'an unnamed account'} (${[a.id, a.country].filter(Boolean).join(', ')})`
    : 'an account the key may not name';
  return `Connected to ${where} in ${s.mode} mode, key …${s.keyLast4}.`;
}

function describe(s: SyncStatus): string[] {
  if (!s.connected)
    return [
      'Stripe is not connected. An admin connects it with `lplate stripe connect --key-file FILE`, or under Settings → Stripe.',
    ];
  const lines = [accountLine(s)];
  if (s.lastSyncAt !== null)
    lines.push(`Last synced ${formatInstant(s.lastSyncAt)}; open sync errors: ${s.openErrors}.`);
  else lines.push(`Not synced yet; open sync errors: ${s.openErrors}.`);
  if (s.unreadable.length) {
    lines.push('This key cannot read:');
    for (const u of s.unreadable) lines.push(`  ${u.resource} — ${u.disables}`);
  }
  if (s.unwritable.length) {
    lines.push('This key may not write:');
    for (const u of s.unwritable) lines.push(`  ${u.resource} — ${u.disables} Add “${u.permission}”.`);
  }
  return lines;
}

async function connect(
  core: Core,
  connection: string,
  args: StripeArgs,
  io: CliIo & KeyInput,
): Promise<number> {
  const secretKey = await readKey(args, io);
  await signIn(core, connection, args.values.operator, io);
  io.err('Checking the key with Stripe…');
  let status;
  try {
    status = await call(core, connection, 'stripe.connect', { secretKey });
  } catch (error) {
    if (error instanceof CallFailed && error.error.code === 'validation')
      throw new UsageError(`Key refused: ${error.error.message.replace(/^secretKey: /, '')}`);
    throw error;
  }
  if (!args.values.json) for (const line of describe(status)) io.out(line);
  const job = await waitForJob(core, connection, status.backfillJobId, io);
  if (args.values.json) io.out(JSON.stringify({ status, backfill: job }, null, 2));
  else io.out(`Backfill ${job.state}: ${job.message}`);
  return job.state === 'done' ? EXIT.done : EXIT.failed;
}

export async function stripeCommand(
  core: Core,
  connection: string,
  args: StripeArgs,
  io: CliIo & KeyInput,
): Promise<number> {
  const sub = args.positionals[1];
  if (sub === 'connect') return connect(core, connection, args, io);
  if (args.values['key-file']) throw new UsageError('--key-file goes with lplate stripe connect.');
  if (sub === 'status' || sub === 'disconnect') {
    if (args.positionals.length > 2) throw new UsageError(USE);
    await signIn(core, connection, args.values.operator, io);
    const status = await call(core, connection, sub === 'status' ? 'sync.status' : 'stripe.disconnect', {});
    if (args.values.json) io.out(JSON.stringify(status, null, 2));
    else if (sub === 'status') for (const line of describe(status)) io.out(line);
    else
      io.out('Disconnected: the key is deleted from this console and syncing stopped; the local data stays.');
    return sub === 'status' && !status.connected ? EXIT.failed : EXIT.done;
  }
  throw new UsageError(USE);
}
