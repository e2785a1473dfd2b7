// `lplate`: the console's core from a terminal — serve, operators, audit, demo, sync — for scripted and scheduled work.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core';
import { hostname } from 'node:os';
import { serveWorkspace } from './team-server';
import { isLoopback, parseListen, PlainHttpRefused } from './listen';
import { readTlsPair, selfSignedPair } from './tls';
import { WorkspaceBusyError } from '../db/writer-lease';
import { APP_ROOT, defaultWorkspaceDir, MIGRATIONS_DIR, RENDERER_DIR } from './paths';
import { DATABASE_FILE } from '../db/open';
import { parseApiAddress } from '../stripe/client';
import { demoSettings } from '../demo/simulator';
import { initDemoWorkspace, startDemoWorkspace } from '../demo/workspace';
import { NoTerminalError, promptHidden } from './prompt';
import { formatInstant } from '../../shared/dates';
import type { JobProgress } from '../../shared/contract';
import { call, CallFailed, EXIT, signIn, table, UsageError, type CliIo } from './cli-kit';
import { completionsCommand, creditsCommand } from './cli-credits';
import { payoutsCommand } from './cli-payouts';
import { progressLine, waitForJob } from './cli-jobs';
import { readKeyFromStdin, stripeCommand, type KeyInput } from './cli-stripe';
import { hostSecretStore } from './host-secrets';
import { defaultKeyDir, fileKeyring } from '../secrets/keyring-file';
import { workspaceHint } from './workspace-hint';
import { chromiumPdf } from '../documents/chromium-pdf';
import { backupCommand } from './cli-backup';
import { reconcileCommand } from './cli-recon';

export { EXIT, type CliIo } from './cli-kit';

const USAGE = `Usage: lplate [--workspace DIR] [--operator NAME] [--json] <command>

Commands:
  serve [--port N]                 start the headless console on 127.0.0.1 and print its URL
  serve --listen HOST:PORT (--tls-cert FILE --tls-key FILE | --self-signed)
                                   the team server: the workspace over HTTPS for operators on other computers;
                                   --self-signed makes a pair in the workspace and prints its fingerprint
  operators list                   list operators
  operators add --username U --name NAME --email E --role support|finance|manager|admin
                                   add an operator (password from LPLATE_NEW_PASSWORD or a prompt);
                                   on a new workspace, --role admin creates the first admin
  audit verify                     walk the audit hash chain and name the first broken entry
  demo init --workspace DIR        make DIR the demo workspace: simulated Stripe history ending today,
                                   one operator per role (passwords shown on its sign-in screen), synced
  sync [--backfill]                one sync pass (or a full backfill) now: progress on stderr, a summary
                                   on stdout; exit 1 when it failed or errors remain open
  ledger hash                      the ledger's hash over the projected tables, the journal and Stripe objects
  ledger rebuild                   rebuild projection and journal from the stored Stripe inputs; exit 1
                                   unless the result is identical to the live ledger
  jobs list                        running and recent jobs (sync passes, backfills, Stripe writes…)
  jobs show|wait|cancel JOB_ID     one job; wait until it ends (progress on stderr); stop it between items
  completions import FILE [--dry-run]
                                   check every row of the marketplace's completions CSV, then record them all
                                   (or none: exit 1 naming each bad line); the same file again changes nothing
  completions list                 the latest completions imports
  credits list [--q TEXT] [--instructor ID]
                                   prepaid hours and liability per learner–instructor pair, with totals
  payouts preview [--date FRIDAY]  what each instructor is owed on a Friday (default: the next), ready or held
                                   with why, and the balance check; exit 1 when anyone is held
  payouts run --date FRIDAY [--yes]
                                   prepare the Friday's run (waiting for approval); with --yes execute it as
                                   finance and wait, or retry what Stripe refused; exit 1 when anything
                                   failed or was held
  reconcile --from DATE --to DATE [--out FILE.xlsx|.csv|.pdf] [--full-read]
                                   check the ledger against Stripe for the London dates (finance; the run is
                                   saved); write the report; exit 1 while discrepancies remain. Stripe is read
                                   whole once, then only its changes since; --full-read reads it whole
  stripe connect [--key-file FILE] check a Stripe secret or restricted key (from FILE, else standard input —
                                   never an argument), keep it for this workspace and backfill (admin)
  stripe status                    mode, account, key's last four, what the key cannot read or write; exit 1
                                   when Stripe is not connected
  stripe disconnect                delete the kept key and stop syncing; the local data stays (admin)
  backup --to FILE                 an online copy of the live workspace (also while a server runs), checked;
                                   restore by starting on the copy, named lplate.sqlite, in an empty folder (admin)

Stripe key (host and CLI): the one \`stripe connect\` kept (a 0600 file in LPLATE_KEY_DIR, by default
~/.config/lplate/keys), unless STRIPE_SECRET_KEY or --stripe-key-file FILE gives one for this run.
LPLATE_STRIPE_API=http://host:port points the console at a Stripe simulator instead of api.stripe.com.
Without --workspace, serve uses the default workspace and makes it the demo workspace when it is new.

Sign-in: --operator NAME with the password in LPLATE_PASSWORD (or typed at a prompt).
Exit codes: 0 done, 1 failed, 2 usage error.`;

async function newPassword(io: CliIo): Promise<string> {
  if (io.env.LPLATE_NEW_PASSWORD) return io.env.LPLATE_NEW_PASSWORD;
  const first = await io.askPassword('Password for the new operator: ');
  const second = await io.askPassword('Same password again: ');
  if (first !== second) throw new UsageError('The two passwords differ.');
  return first;
}

type Parsed = ReturnType<typeof parse>;
function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: 'string' },
      operator: { type: 'string' },
      json: { type: 'boolean', default: false },
      port: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      backfill: { type: 'boolean', default: false },
      'stripe-key-file': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      q: { type: 'string' },
      instructor: { type: 'string' },
      'key-file': { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'self-signed': { type: 'boolean', default: false },
      date: { type: 'string' },
      yes: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'full-read': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function operatorsCommand(core: Core, connection: string, args: Parsed, io: CliIo): Promise<void> {
  const [, sub] = args.positionals;
  const { values } = args;
  if (sub === 'list') {
    await signIn(core, connection, values.operator, io);
    const page = await call(core, connection, 'operators.list', {
      pageSize: 500,
      sort: { column: 'username', direction: 'asc' },
    });
    if (values.json) return io.out(JSON.stringify(page.rows, null, 2));
    const rows = page.rows.map((o) => [
      o.username,
      o.name,
      o.role,
      o.isActive ? 'active' : 'deactivated',
      o.email,
    ]);
    return io.out(table([['USERNAME', 'NAME', 'ROLE', 'STATUS', 'EMAIL'], ...rows]));
  }
  if (sub === 'add') {
    const { username, name, email, role } = values;
    if (!username || !name || !email || !role)
      throw new UsageError('operators add needs --username, --name, --email and --role.');
    const status = await call(core, connection, 'auth.status', {});
    let created;
    if (status.needsFirstAdmin) {
      if (role !== 'admin')
        throw new UsageError('This workspace has no operator yet: the first one must be --role admin.');
      created = await call(core, connection, 'auth.createFirstAdmin', {
        username,
        name,
        email,
        password: await newPassword(io),
      });
    } else {
      await signIn(core, connection, values.operator, io);
      created = await call(core, connection, 'operators.add', {
        username,
        name,
        email,
        role: role as 'support',
        password: await newPassword(io),
      });
    }
    return io.out(
      values.json ? JSON.stringify(created, null, 2) : `Added ${created.username} (${created.role}).`,
    );
  }
  throw new UsageError(`Unknown operators command "${sub ?? ''}". Use list or add.`);
}

async function ledgerCommand(core: Core, connection: string, args: Parsed, io: CliIo): Promise<number> {
  const sub = args.positionals[1];
  if (sub !== 'hash' && sub !== 'rebuild')
    throw new UsageError('Use: lplate ledger hash | lplate ledger rebuild');
  await signIn(core, connection, args.values.operator, io);
  if (sub === 'hash') {
    const hash = await call(core, connection, 'ledger.hash', {});
    if (args.values.json) io.out(JSON.stringify(hash, null, 2));
    else
      io.out(
        `${hash.hash}\n${table([['TABLE', 'ROWS'], ...hash.tables.map((t) => [t.name, String(t.rows)])])}`,
      );
    return EXIT.done;
  }
  io.err('Rebuilding the projection and the journal from the stored Stripe inputs…');
  const report = await call(core, connection, 'ledger.rebuild', {});
  if (args.values.json) io.out(JSON.stringify(report, null, 2));
  else
    io.out(
      `${report.identical ? 'Identical' : 'DIFFERENT'} — before ${report.before}, after ${report.after} ` +
        `(${report.inputs} inputs, ${report.seconds}s).`,
    );
  return report.identical ? EXIT.done : EXIT.failed;
}

async function auditCommand(core: Core, connection: string, args: Parsed, io: CliIo): Promise<number> {
  if (args.positionals[1] !== 'verify') throw new UsageError('Use: lplate audit verify');
  await signIn(core, connection, args.values.operator, io);
  const report = await call(core, connection, 'audit.verify', {});
  if (args.values.json) io.out(JSON.stringify(report, null, 2));
  else if (report.intact) {
    const keyed = report.keyedFrom === null ? 'not keyed' : `keyed from #${report.keyedFrom}`;
    const anchored = report.anchor
      ? `head #${report.anchor.seq} matches the anchor kept outside the database`
      : 'no anchor kept yet';
    io.out(`Intact — ${report.checked} entries verified (${keyed}; ${anchored}).`);
  } else
    io.out(
      `Broken at entry #${report.firstBroken.seq}${report.firstBroken.id ? ` (${report.firstBroken.id})` : ''}: ` +
        `${report.firstBroken.reason}.`,
    );
  return report.intact ? EXIT.done : EXIT.failed;
}

function jobLine(j: JobProgress): string[] {
  return [
    j.jobId,
    j.kind,
    j.state,
    formatInstant(j.createdAt),
    j.startedBy ?? 'console',
    `${j.title}: ${j.message}`,
  ];
}

async function jobsCommand(core: Core, connection: string, args: Parsed, io: CliIo): Promise<number> {
  const [, sub, jobId] = args.positionals;
  await signIn(core, connection, args.values.operator, io);
  if (sub === 'list') {
    const list = await call(core, connection, 'jobs.list', { state: 'all', limit: 30 });
    if (args.values.json) io.out(JSON.stringify(list, null, 2));
    else io.out(table([['ID', 'KIND', 'STATE', 'CREATED', 'BY', 'WHAT'], ...list.map(jobLine)]));
    return EXIT.done;
  }
  if ((sub === 'wait' || sub === 'cancel' || sub === 'show') && jobId) {
    const job =
      sub === 'wait'
        ? await waitForJob(core, connection, jobId, io)
        : await call(core, connection, sub === 'cancel' ? 'jobs.cancel' : 'jobs.get', { jobId });
    if (args.values.json) io.out(JSON.stringify(job, null, 2));
    else {
      io.out(`${job.title} — ${job.state}: ${job.message}`);
      for (const item of job.items)
        io.out(`  ${item.state.padEnd(9)} ${item.label}${item.detail ? ` — ${item.detail}` : ''}`);
    }
    return job.state === 'failed' || job.state === 'interrupted' ? EXIT.failed : EXIT.done;
  }
  throw new UsageError('Use: lplate jobs list | lplate jobs show|wait|cancel JOB_ID');
}

async function syncCommand(core: Core, connection: string, args: Parsed, io: CliIo): Promise<number> {
  await signIn(core, connection, args.values.operator, io);
  const { jobId } = await call(core, connection, 'sync.run', { backfill: args.values.backfill });
  const job = await waitForJob(core, connection, jobId, io);
  const status = await call(core, connection, 'sync.status', {});
  const ok = job.state === 'done' && status.openErrors === 0;
  if (args.values.json) {
    io.out(JSON.stringify({ job, status }, null, 2));
  } else {
    io.out(`${job.state}: ${job.message}`);
    io.out(`Open sync errors: ${status.openErrors}`);
    for (const e of status.errors)
      io.out(
        `  ${e.code}${e.objectId ? ` ${e.objectId}` : ''}${e.eventId ? ` (event ${e.eventId})` : ''}: ${e.message} — ${e.hint}`,
      );
  }
  return ok ? EXIT.done : EXIT.failed;
}

/** The workspace's keyring, in LPLATE_KEY_DIR of the command's environment (over the process's). */
const keyringOf = (io: CliIo) => (id: string) =>
  fileKeyring(defaultKeyDir({ ...process.env, ...io.env }), id);

async function demoCommand(workspaceDir: string, args: Parsed, io: CliIo): Promise<Core> {
  if (args.positionals[1] !== 'init') throw new UsageError('Use: lplate demo init --workspace DIR');
  if (!args.values.workspace) throw new UsageError('demo init needs --workspace DIR.');
  const existing = existsSync(join(workspaceDir, DATABASE_FILE));
  const core = await createCore({
    workspaceDir,
    migrationsDir: MIGRATIONS_DIR,
    keyring: keyringOf(io),
    autoSync: false,
    ...(existing ? {} : { demo: demoSettings(Date.now()) }),
  });
  if (!core.simulator) {
    core.close();
    throw new UsageError(
      `${workspaceDir} is already a workspace, and not a demo one: choose an empty folder.`,
    );
  }
  const unsubscribe = core.push.subscribe((event, payload) => {
    if (event === 'progress') io.err(progressLine(payload as JobProgress));
  });
  let imported;
  try {
    imported = await initDemoWorkspace(core);
  } finally {
    unsubscribe();
  }
  const completions = imported ? { recorded: imported.recorded, errors: imported.errors.length } : null;
  if (args.values.json) {
    const credentials = core.services.workspace.demoCredentials;
    io.out(JSON.stringify({ workspace: workspaceDir, operators: credentials, completions }, null, 2));
  } else {
    if (completions) io.out(`Lesson completions recorded: ${completions.recorded}.`);
    io.out(`Demo workspace ready in ${workspaceDir}. Operators (username / password):`);
    for (const c of core.services.workspace.demoCredentials)
      io.out(`  ${c.role.padEnd(8)} ${c.username} / ${c.password}`);
  }
  return core;
}

function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new UsageError(`The console's UI is not built yet: run \`npm run build\` in ${APP_ROOT} first.`);
  }
}

/** Where serve listens and with which TLS pair, checked before the workspace is opened. */
function servePlan(args: Parsed): { address: string; port: number; tls: 'files' | 'self-signed' | null } {
  const { values } = args;
  let address = '127.0.0.1';
  let port = values.port === undefined ? 0 : Number(values.port);
  if (values.listen !== undefined) {
    const listen = parseListen(values.listen);
    if (typeof listen === 'string') throw new UsageError(listen);
    ({ address, port } = listen);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be a number from 0 to 65535.');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined))
    throw new UsageError('--tls-cert and --tls-key go together.');
  if (values['self-signed'] && values['tls-cert'] !== undefined)
    throw new UsageError('Use either --self-signed or --tls-cert/--tls-key, not both.');
  const tls = values['self-signed'] ? 'self-signed' : values['tls-cert'] !== undefined ? 'files' : null;
  if (!tls && !isLoopback(address)) throw new UsageError(new PlainHttpRefused(address).message);
  return { address, port, tls };
}

async function serveCommand(core: Core, args: Parsed, io: CliIo): Promise<'running'> {
  const { address, port, tls } = servePlan(args);
  const pair =
    tls === 'files'
      ? readTlsPair(args.values['tls-cert']!, args.values['tls-key']!)
      : tls === 'self-signed'
        ? await selfSignedPair(core.workspaceDir, [hostname(), ...(isLoopback(address) ? [] : [address])])
        : undefined;
  const host = await serveWorkspace(core, {
    rendererDir: RENDERER_DIR,
    address,
    port,
    ...(pair ? { tls: pair } : {}),
  });
  if (pair) {
    io.out(`LPlate workspace server is running at ${host.url}`);
    io.out(`Certificate SHA-256 fingerprint: ${pair.fingerprint}`);
    io.err('Desktops connecting to it show this fingerprint: check it matches before trusting it.');
  } else io.out(`LPlate back office is running at ${host.openUrl}`);
  io.err(`Workspace: ${core.workspaceDir} — started ${formatInstant(Date.now())}. Press Ctrl+C to stop.`);
  io.err(workspaceHint(core.workspaceDir, await call(core, `cli:${randomUUID()}`, 'auth.status', {})));
  const stop = () => void host.close().then(() => (core.close(), process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 'running';
}

/** Runs one command; resolves to an exit code, or 'running' when the command keeps serving. */
export async function runCli(argv: string[], io: CliIo & KeyInput): Promise<number | 'running'> {
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command] = args.positionals;
  if (args.values.help || !command) {
    (args.values.help ? io.out : io.err)(USAGE);
    return args.values.help ? EXIT.done : EXIT.usage;
  }
  if (
    ![
      'serve',
      'operators',
      'audit',
      'demo',
      'sync',
      'ledger',
      'jobs',
      'completions',
      'credits',
      'stripe',
      'payouts',
      'backup',
      'reconcile',
    ].includes(command)
  ) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  let core: Core | undefined;
  let serving = false;
  try {
    const workspaceDir = args.values.workspace ?? defaultWorkspaceDir();
    if (command === 'demo') {
      core = await demoCommand(workspaceDir, args, io);
      return EXIT.done;
    }
    if (command === 'serve') {
      assertRendererBuilt();
      servePlan(args);
    }
    // The default workspace starts as the demo workspace; an explicit --workspace stays a real one.
    const newDefault =
      command === 'serve' && !args.values.workspace && !existsSync(join(workspaceDir, DATABASE_FILE));
    core = await createCore({
      workspaceDir,
      migrationsDir: MIGRATIONS_DIR,
      secrets: hostSecretStore(args.values['stripe-key-file']),
      keyring: keyringOf(io),
      autoSync: command === 'serve',
      // A payout run sends its transfers from this process unless another holds the workspace's writer lease.
      background: command === 'serve' || (command === 'payouts' && args.positionals[1] === 'run'),
      exclusive: command === 'serve',
      pdf: chromiumPdf(),
      ...(io.env.LPLATE_STRIPE_API ? { stripeApi: parseApiAddress(io.env.LPLATE_STRIPE_API) } : {}),
      ...(newDefault ? { demo: demoSettings(Date.now()) } : {}),
    });
    const connection = `cli:${randomUUID()}`;
    if (command === 'serve') {
      await startDemoWorkspace(core);
      const running = await serveCommand(core, args, io);
      serving = true;
      return running;
    }
    if (command === 'sync') return await syncCommand(core, connection, args, io);
    if (command === 'ledger') return await ledgerCommand(core, connection, args, io);
    if (command === 'jobs') return await jobsCommand(core, connection, args, io);
    if (command === 'completions') return await completionsCommand(core, connection, args, io);
    if (command === 'credits') return await creditsCommand(core, connection, args, io);
    if (command === 'reconcile') return await reconcileCommand(core, connection, args, io);
    if (command === 'stripe') return await stripeCommand(core, connection, args, io);
    if (command === 'payouts') return await payoutsCommand(core, connection, args, io);
    if (command === 'backup') return await backupCommand(core, connection, args, io);
    if (command === 'operators') {
      await operatorsCommand(core, connection, args, io);
      return EXIT.done;
    }
    return await auditCommand(core, connection, args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof NoTerminalError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (error instanceof WorkspaceBusyError) {
      io.err(error.message);
      return EXIT.failed;
    }
    if (error instanceof CallFailed) {
      io.err(error.error.message);
      return error.error.code === 'validation' ? EXIT.usage : EXIT.failed;
    }
    io.err(`lplate failed: ${(error as Error).message}`);
    return EXIT.failed;
  } finally {
    if (core && !serving) core.close();
  }
}

export const processIo: CliIo & KeyInput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  askPassword: promptHidden,
  readKey: readKeyFromStdin,
};
