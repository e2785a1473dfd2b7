// The projection's one registry: every domain declares its projectors, the Stripe objects it routes to them,
// the tables the projection owns and the console records it only reads; rebuild, hash and invariants derive from it.
import { PROJECTED_TABLES, type TableName } from '../../shared/contract/tables';
import type { Violation } from '../../shared/contract/ledger';
import type { Sqlite } from '../db/open';
import type { ProjectionContext } from './context';
import type { StripeJson } from '../stripe/json';

/** Projects one root (`payment:pi_…`) from what is stored: its own rows, journal and refs. */
export type Projector = (ctx: ProjectionContext, root: string) => void;

/** The root a changed Stripe object belongs to, or null when others read it (coupons, most balance transactions). */
export type Route = (object: StripeJson) => string | null;

/**
 * What an invariant check may keep to, as everything else was proven by an earlier clean check and has not changed
 * since (src/main/recon/invariant-proof.ts). Null on either side: check all of it.
 */
export interface InvariantScope {
  /** Liability accounts (`learner_prepaid:…`, `instructor_payable:…`) whose lines or source rows changed. */
  accounts: ReadonlySet<string> | null;
  /** recon_change_marks' seq at the last clean check: only transactions of hours marked above it. */
  sinceMarkSeq: number | null;
}

/** Every invariant of every account and transaction. */
export const WHOLE_LEDGER: InvariantScope = { accounts: null, sinceMarkSeq: null };

export interface OwnedTable {
  name: TableName;
  /**
   * `projected`: rebuilt from stored Stripe inputs and console records (cleared by a rebuild).
   * `record`: what operators decided; read by projectors, never cleared or rewritten by a rebuild.
   */
  kind: 'projected' | 'record';
  /** For a projected table that also holds console rows (operators' users): the rows the projection owns. */
  where?: string;
  /** Reads the table in a stable order for the ledger hash; omitted tables are not hashed. */
  hash?: string;
}

export interface DomainProjection {
  domain: string;
  /** Projectors by root kind (`payment`); their order across domains is the registry's phase list. */
  projectors?: Record<string, Projector>;
  /** Routes by Stripe object type (`payment_intent`) to this domain's roots. */
  routes?: Record<string, Route>;
  tables: OwnedTable[];
  /** Roots a rebuild projects again after replaying Stripe inputs (roots driven by console records). */
  rebuildRoots?: (sqlite: Sqlite) => string[];
  /** Checks of the ledger against this domain's tables (DOMAIN.md §7), kept to `scope`. */
  invariants?: (sqlite: Sqlite, scope: InvariantScope) => Violation[];
  /** Roots to project again once a migration (by tag) gave the domain's tables something new to fill. */
  afterMigration?: Record<string, (sqlite: Sqlite) => string[]>;
  /**
   * Called in a rebuild's transaction before it clears anything (to keep what triggers will write over); what it
   * returns is told, before the rebuild commits, whether the books came out other than they were.
   */
  aroundRebuild?: (sqlite: Sqlite) => (changed: boolean) => void;
}

export interface Projection {
  /** Projectors in phase order: a root only reads rows written by earlier phases or by itself. */
  phases: readonly { kind: string; run: Projector }[];
  phaseOf(kind: string): number | undefined;
  /** The root a changed object re-projects (null: only its readers are re-projected). */
  rootOf(object: StripeJson, account: string | null): string | null;
  tables: readonly OwnedTable[];
  /** Deletes every row the projection owns; console records stay. Call inside a transaction. */
  clear(sqlite: Sqlite): void;
  rebuildRoots(sqlite: Sqlite): string[];
  /** The domains' checks, of the whole ledger unless a scope says what may be left out. */
  invariants(sqlite: Sqlite, scope?: InvariantScope): Violation[];
  /** Roots the domains ask to re-project after these migrations were applied. */
  rootsAfterMigrations(sqlite: Sqlite, tags: readonly string[]): string[];
  /** Every domain's `aroundRebuild`, in one: call before clearing, and its result once the new hash is known. */
  aroundRebuild(sqlite: Sqlite): (changed: boolean) => void;
}

/** The kernel's own tables: which roots read what, and what could not be attributed. */
const KERNEL: DomainProjection = {
  domain: 'projection',
  tables: [
    {
      name: 'unattributed_objects',
      kind: 'projected',
      hash: 'SELECT * FROM unattributed_objects ORDER BY object_id',
    },
    { name: 'projection_refs', kind: 'projected' },
    { name: 'projection_keys', kind: 'projected' },
  ],
};

/**
 * Builds the registry. `phases` lists every root kind in projection order; each must be projected by exactly
 * one domain. The projected tables must be exactly the contract's PROJECTED_TABLES (what a rebuild writes).
 */
export function createProjection(
  domains: readonly DomainProjection[],
  phases: readonly string[],
): Projection {
  const all = [...domains, KERNEL];
  const projectors = new Map<string, Projector>();
  const routes = new Map<string, Route>();
  for (const d of all) {
    for (const [kind, run] of Object.entries(d.projectors ?? {})) {
      if (projectors.has(kind)) throw new Error(`two domains project "${kind}" roots`);
      projectors.set(kind, run);
    }
    for (const [type, route] of Object.entries(d.routes ?? {})) {
      if (routes.has(type)) throw new Error(`two domains route "${type}" objects`);
      routes.set(type, route);
    }
  }
  const ordered = phases.map((kind) => {
    const run = projectors.get(kind);
    if (!run) throw new Error(`no domain projects "${kind}" roots`);
    return { kind, run };
  });
  if (ordered.length !== projectors.size) throw new Error('a projector is missing from the phase list');
  const phaseIndex = new Map(ordered.map((p, i) => [p.kind, i]));
  const tables = all.flatMap((d) => d.tables);
  const projected = tables.filter((t) => t.kind === 'projected').map((t) => t.name);
  const expected = [...PROJECTED_TABLES];
  if (projected.length !== expected.length || !expected.every((t) => projected.includes(t)))
    throw new Error(`projected tables ${projected.join(', ')} differ from the contract's PROJECTED_TABLES`);

  return {
    phases: ordered,
    phaseOf: (kind) => phaseIndex.get(kind),
    rootOf(object, account) {
      // A connected account's own objects are not the platform's money; Connect scopes account.updated to the account.
      if (account && object.object !== 'account') return null;
      return routes.get(object.object)?.(object) ?? null;
    },
    tables,
    clear(sqlite) {
      for (const t of tables)
        if (t.kind === 'projected') sqlite.exec(`DELETE FROM ${t.name}${t.where ? ` WHERE ${t.where}` : ''}`);
    },
    rebuildRoots: (sqlite) => all.flatMap((d) => d.rebuildRoots?.(sqlite) ?? []),
    invariants: (sqlite, scope = WHOLE_LEDGER) => all.flatMap((d) => d.invariants?.(sqlite, scope) ?? []),
    rootsAfterMigrations: (sqlite, tags) =>
      all.flatMap((d) => tags.flatMap((tag) => d.afterMigration?.[tag]?.(sqlite) ?? [])),
    aroundRebuild(sqlite) {
      const after = all.flatMap((d) => d.aroundRebuild?.(sqlite) ?? []);
      return (changed) => after.forEach((tell) => tell(changed));
    },
  };
}
