// Turns a workspace into the demo workspace: an operator per role, connected to its simulator, synced and imported.
import type { Core } from '../core-types';
import { createOperator } from '../operators/create';
import { findOperatorByUsername } from '../operators/queries';
import { connectStripe } from '../sync/connect';
import { DEMO_SECRET_KEY } from '../sync/engine';
import { readState } from '../sync/state';
import { DEMO_OPERATORS } from './credentials';
import { importCompletionsCsv, type ImportReport } from '../credits/import-completions';

/** Creates the operators (if missing) and connects the simulator; the first backfill is queued, not awaited. */
export async function prepareDemoWorkspace(core: Core): Promise<string | null> {
  if (!core.simulator) throw new Error('This workspace is not a demo workspace.');
  const { services } = core;
  let adminId: string | null = null;
  for (const op of DEMO_OPERATORS) {
    const existing = findOperatorByUsername(services.sqlite, op.username);
    const id: string = existing ? existing.id : (await createOperator(services, op, adminId)).id;
    if (op.role === 'admin') adminId = id;
  }
  if (readState(services.sqlite, 'connected')) return null;
  return connectStripe(services, core.sync, DEMO_SECRET_KEY, { userId: adminId, demo: true });
}

/** Records the scenario's lesson completions, as the marketplace's CSV export would (idempotent). */
export function importDemoCompletions(core: Core): ImportReport | null {
  const csv = core.simulator?.scenario?.completionsCsv();
  if (!csv) return null;
  const admin = findOperatorByUsername(core.services.sqlite, 'admin');
  return importCompletionsCsv(
    core.services.projection,
    core.services.sqlite,
    csv,
    core.services.clock.now(),
    admin?.id,
  );
}

/** `lplate demo init`: prepares the demo workspace, waits for its backfill, then imports the completions. */
export async function initDemoWorkspace(core: Core): Promise<ImportReport | null> {
  const jobId = await prepareDemoWorkspace(core);
  const outcome = jobId ? await core.sync.wait(jobId) : null;
  if (outcome && outcome.state !== 'done')
    throw new Error(`The demo's first sync ${outcome.state}: ${outcome.message}`);
  return importDemoCompletions(core);
}

/**
 * For a console opening a demo workspace (the app, `lplate serve`): makes sure it is prepared and, on its
 * first start, imports the completions once the first backfill is done — without waiting for it. A journey that
 * imports them itself (as an operator would) passes `importCompletions: false`.
 */
export async function startDemoWorkspace(
  core: Core,
  options: { importCompletions?: boolean } = {},
): Promise<void> {
  if (!core.simulator) return;
  const jobId = await prepareDemoWorkspace(core);
  if (!jobId || options.importCompletions === false) return;
  void core.sync.wait(jobId).then((job) => {
    if (job?.state === 'done') importDemoCompletions(core);
  });
}
