// Runs projection roots to a fixed point, phase by phase, so the result never depends on the order objects arrived in.
import type { Sqlite } from '../../db/open';
import { projectPair } from '../../credits/consumption';
import { projectPayable } from '../../credits/payable';
import { ProjectionContext, type StripeJson } from './context';
import { projectAccount } from './account';
import { projectPromotionCode } from './promotion-code';
import { projectPayment } from './payment';
import { projectTransfer } from './transfer';
import { projectPlatformPayout } from './platform-payout';
import { paymentKeyOfCharge, projectStripeFee } from './stripe-fee';
import { projectLearner, projectRate } from './people-facts';
import { idOf } from './stripe-fields';

type Projector = (ctx: ProjectionContext, root: string) => void;

/** Root kinds in phase order: a root only reads rows written by earlier phases or by itself. */
const PHASES: [kind: string, run: Projector][] = [
  ['account', projectAccount],
  ['promotion', projectPromotionCode],
  ['payment', projectPayment],
  ['transfer', projectTransfer],
  ['payout', projectPlatformPayout],
  ['fee', projectStripeFee],
  ['learner', projectLearner],
  ['rate', projectRate],
  ['pair', projectPair],
  ['payable', projectPayable],
];
const PHASE_OF = new Map(PHASES.map(([kind], i) => [kind, i]));
/** A bound on work per batch: a projection that keeps re-enqueuing itself is a bug, not a long job. */
const MAX_RUNS_PER_ROOT = 50;

/** The root an object belongs to, from its own fields (coupons and most balance transactions have none: others read them). */
export function directRoot(o: StripeJson, account: string | null): string | null {
  if (o.object === 'account') return `account:${o.id}`; // Connect sends account.updated on the account itself
  if (account) return null; // a connected account's own objects are not the platform's money
  switch (o.object) {
    case 'payment_intent':
      return `payment:${o.id}`;
    case 'charge':
      return `payment:${paymentKeyOfCharge(o)}`;
    case 'refund':
    case 'dispute': {
      const key = idOf(o.payment_intent) ?? idOf(o.charge);
      return key ? `payment:${key}` : null;
    }
    case 'transfer':
      return `transfer:${o.id}`;
    case 'transfer_reversal': {
      const transfer = idOf(o.transfer);
      return transfer ? `transfer:${transfer}` : null;
    }
    case 'balance_transaction': {
      const source = idOf(o.source);
      return source?.startsWith('ch_') || source?.startsWith('py_') ? `fee:${o.id}` : null;
    }
    case 'payout':
      return `payout:${o.id}`;
    case 'promotion_code':
      return `promotion:${o.id}`;
    default:
      return null;
  }
}

export class ProjectionRun {
  readonly ctx: ProjectionContext;
  private readonly queues: Set<string>[] = PHASES.map(() => new Set());
  private readonly runs = new Map<string, number>();

  constructor(sqlite: Sqlite, now: number) {
    this.ctx = new ProjectionContext(sqlite, now, (root) => this.enqueue(root));
  }

  enqueue(root: string): void {
    const phase = PHASE_OF.get(root.slice(0, root.indexOf(':')));
    if (phase === undefined) throw new Error(`unknown projection root ${root}`);
    this.queues[phase]!.add(root);
  }

  /** Takes note of a changed object: links it to its root and re-projects everything that reads it. */
  objectChanged(o: StripeJson, account: string | null): void {
    this.ctx.remember(o);
    const root = directRoot(o, account);
    if (root) this.ctx.ref(o.id, root);
    this.ctx.touch(o.id);
  }

  /** Projects queued roots, lowest phase first, until nothing is left to do. */
  drain(): void {
    for (;;) {
      const phase = this.queues.findIndex((q) => q.size > 0);
      if (phase < 0) return;
      const roots = [...this.queues[phase]!].sort();
      this.queues[phase]!.clear();
      const run = PHASES[phase]![1];
      for (const root of roots) {
        const count = (this.runs.get(root) ?? 0) + 1;
        this.runs.set(root, count);
        if (count > MAX_RUNS_PER_ROOT) throw new Error(`projection of ${root} does not settle`);
        const savepoint = this.ctx.stmt('SAVEPOINT projection_root');
        const release = this.ctx.stmt('RELEASE projection_root');
        try {
          savepoint.run();
          run(this.ctx, root);
          release.run();
        } catch (err) {
          this.ctx.stmt('ROLLBACK TO projection_root').run();
          release.run();
          this.ctx.error(
            root.slice(root.indexOf(':') + 1),
            'projection_failed',
            `Projecting ${root} failed: ${(err as Error).message}`,
            'A projection bug or an object the console cannot read: nothing of it was written. Report the id.',
          );
        }
      }
    }
  }
}
