// Attention sources about people and attribution: instructors Stripe will not pay, and money kept without the
// marketplace's metadata.
import { formatPence } from '../../../shared/money';
import { objectKindLabel } from '../../../shared/contract/unattributed';
import type { AttentionSource } from './index';

export const restrictedAccounts: AttentionSource = {
  kind: 'restricted_accounts',
  label: 'Instructors who cannot be paid',
  tone: 'amber',
  read({ sqlite, limit }) {
    const where = `(sca.status IN ('restricted', 'rejected') OR sca.payouts_enabled = 0)`;
    const total = sqlite
      .prepare(`SELECT count(*) FROM stripe_connect_accounts sca WHERE ${where}`)
      .pluck()
      .get() as number;
    const rows = sqlite
      .prepare(
        `SELECT i.id, u.name, sca.status, sca.disabled_reason, sca.updated_at
         FROM stripe_connect_accounts sca JOIN instructors i ON i.id = sca.instructor_id JOIN users u ON u.id = i.user_id
         WHERE ${where} ORDER BY u.name COLLATE NOCASE, i.id LIMIT ?`,
      )
      .all(limit) as {
      id: string;
      name: string;
      status: string;
      disabled_reason: string | null;
      updated_at: number;
    }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `${r.name}: Stripe account ${r.status === 'enabled' ? 'cannot receive payouts' : r.status}`,
        detail: r.disabled_reason
          ? `Stripe says: ${r.disabled_reason.replace(/[._]/g, ' ')}. Their earnings are held.`
          : 'Their earnings are held until Stripe enables payouts.',
        at: r.updated_at,
        link: { kind: 'route', path: '/instructors', params: { id: r.id } },
      })),
    };
  },
};

export const unattributed: AttentionSource = {
  kind: 'unattributed',
  label: 'Unattributed money',
  tone: 'amber',
  read({ sqlite, limit }) {
    const total = sqlite.prepare('SELECT count(*) FROM unattributed_objects').pluck().get() as number;
    const rows = sqlite
      .prepare(
        `SELECT object_id, object_type, message, amount_pence, created FROM unattributed_objects
         ORDER BY created DESC, object_id DESC LIMIT ?`,
      )
      .all(limit) as {
      object_id: string;
      object_type: string;
      message: string;
      amount_pence: number | null;
      created: number;
    }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.object_id,
        title: `${objectKindLabel(r.object_type)}${r.amount_pence === null ? '' : ` of ${formatPence(r.amount_pence)}`} without marketplace metadata`,
        detail: r.message,
        at: r.created,
        link: { kind: 'route', path: '/unattributed', params: { id: r.object_id } },
      })),
    };
  },
};
