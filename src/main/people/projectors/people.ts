// Writes a marketplace person: the users row and its profile, audited as one entity.
import { uuidFrom } from '../../ledger/ids';
import type { ProjectionContext } from '../../projection/context';
import { writeRow } from '../../projection/rows';
import { normaliseEmail } from '../../../shared/contract/auth';

export interface Person {
  id: string;
  email: string;
  name: string;
  created_at: number;
  updated_at: number;
}

/**
 * Returns true when the user was created (so dependants waiting for it can be re-projected). The email is stored
 * normalised, as operators' are: Stripe metadata and account emails arrive as the marketplace typed them.
 */
export function writePerson(ctx: ProjectionContext, given: Person, role: 'learner' | 'instructor'): boolean {
  const person = { ...given, email: normaliseEmail(given.email) };
  const created = writeRow(ctx, 'users', 'user', { ...person }) === 'created';
  const profile = {
    id: uuidFrom(`profile:${person.id}`),
    user_id: person.id,
    name: person.name,
    email: person.email,
    phone: null,
    role,
    created_at: person.created_at,
    updated_at: person.updated_at,
  };
  const existing = ctx
    .stmt('SELECT name, email, created_at, updated_at FROM profiles WHERE id = ?')
    .get(profile.id) as Pick<typeof profile, 'name' | 'email' | 'created_at' | 'updated_at'> | undefined;
  const changed =
    !existing ||
    existing.name !== profile.name ||
    existing.email !== profile.email ||
    existing.created_at !== profile.created_at ||
    existing.updated_at !== profile.updated_at;
  if (existing && changed)
    ctx
      .stmt(
        'UPDATE profiles SET name = @name, email = @email, created_at = @created_at, updated_at = @updated_at WHERE id = @id',
      )
      .run(profile);
  else if (!existing)
    ctx
      .stmt(
        `INSERT INTO profiles (id, user_id, name, email, phone, role, created_at, updated_at)
         VALUES (@id, @user_id, @name, @email, @phone, @role, @created_at, @updated_at)`,
      )
      .run(profile);
  if (created) ctx.touch(`user:${person.id}`);
  return created;
}
