// Connected accounts → the instructor's user, instructors and stripe_connect_accounts rows.
import { isUuid, uuidFrom } from '../../ledger/ids';
import type { ProjectionContext } from '../../projection/context';
import type { StripeJson } from '../../stripe/json';
import { writePerson } from './people';
import { flagValue, writeRow } from '../../projection/rows';
import { createdMs, metadataOf, str } from '../../stripe/json';

function connectStatus(a: StripeJson, disabledReason: string | null): string {
  if (disabledReason?.startsWith('rejected')) return 'rejected';
  if (a.charges_enabled === true && a.payouts_enabled === true) return 'enabled';
  if (a.details_submitted !== true && !disabledReason) return 'pending';
  return 'restricted';
}

export function projectAccount(ctx: ProjectionContext, root: string): void {
  const a = ctx.object(root.slice('account:'.length));
  if (!a) return;
  const instructorId = metadataOf(a).lplate_instructor_id;
  if (!isUuid(instructorId)) {
    ctx.unattributed(a, {
      code: 'missing_metadata',
      message: 'A connected account without lplate_instructor_id: no instructor can be named for it.',
    });
    return;
  }
  ctx.unattributed(a, null);
  const created = createdMs(a);
  const profile = (a.business_profile ?? {}) as { name?: unknown };
  const email = str(a.email) ?? '';
  const userId = uuidFrom(`instructor-user:${instructorId}`);
  writePerson(
    ctx,
    {
      id: userId,
      email,
      name: str(profile.name) ?? (email || a.id),
      created_at: created,
      updated_at: created,
    },
    'instructor',
  );
  const instructor = writeRow(
    ctx,
    'instructors',
    'instructor',
    {
      id: instructorId,
      user_id: userId,
      hourly_rate_pence: 0,
      is_active: 1,
      created_at: created,
      updated_at: created,
    },
    ['hourly_rate_pence'],
  );
  const requirements = (a.requirements ?? {}) as { disabled_reason?: unknown };
  const disabledReason = str(requirements.disabled_reason);
  const type = str(a.type);
  writeRow(ctx, 'stripe_connect_accounts', 'stripe_connect_account', {
    id: uuidFrom(`connect-account:${a.id}`),
    instructor_id: instructorId,
    stripe_account_id: a.id,
    account_type: type === 'standard' || type === 'custom' ? type : 'express',
    status: connectStatus(a, disabledReason),
    charges_enabled: flagValue(a.charges_enabled === true),
    payouts_enabled: flagValue(a.payouts_enabled === true),
    country: str(a.country) ?? 'GB',
    disabled_reason: disabledReason,
    created_at: created,
    updated_at: created,
  });
  if (instructor === 'created') {
    ctx.touch(`instructor:${instructorId}`);
    ctx.enqueue(`rate:${instructorId}`);
  }
}
