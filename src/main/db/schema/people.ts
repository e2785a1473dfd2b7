// Marketplace people (users, profiles, instructors) and the console's own operators.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant, pence, timestamps } from './columns';

/** Also indexed for substring search by `users_search` (FTS5 trigram, kept by triggers; drizzle/0046_users_search_ends.sql). */
export const users = sqliteTable(
  'users',
  { id: id(), email: text('email').notNull(), name: text('name').notNull(), ...timestamps() },
  (t) => [index('users_name_idx').on(t.name)],
);

export const profiles = sqliteTable(
  'profiles',
  {
    id: id(),
    user_id: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    role: text('role').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('profiles_user_idx').on(t.user_id),
    check('profiles_role_check', sql`${t.role} IN ('learner', 'instructor', 'staff')`),
  ],
);

export const instructors = sqliteTable(
  'instructors',
  {
    id: id(),
    user_id: text('user_id')
      .notNull()
      .references(() => users.id),
    hourly_rate_pence: pence('hourly_rate_pence'),
    is_active: flag('is_active'),
    ...timestamps(),
  },
  (t) => [
    index('instructors_user_idx').on(t.user_id),
    check('instructors_rate_check', sql`${t.hourly_rate_pence} >= 0`),
  ],
);

/** Console operators: one row per operator, keyed by their `users` row so audit rows point at a user. */
export const operators = sqliteTable(
  'operators',
  {
    user_id: text('user_id')
      .primaryKey()
      .references(() => users.id),
    username: text('username').notNull(),
    role: text('role').notNull(),
    password_hash: text('password_hash').notNull(),
    password_salt: text('password_salt').notNull(),
    is_active: flag('is_active'),
    failed_attempts: integer('failed_attempts').notNull().default(0),
    last_failed_at: integer('last_failed_at'),
    last_sign_in_at: integer('last_sign_in_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('operators_username_idx').on(t.username),
    index('operators_role_idx').on(t.role),
    index('operators_created_idx').on(t.created_at),
    check('operators_role_check', sql`${t.role} IN ('support', 'finance', 'manager', 'admin')`),
    check('operators_username_check', sql`${t.username} = lower(${t.username})`),
    check('operators_failed_check', sql`${t.failed_attempts} >= 0`),
  ],
);

export const settingsHistory = sqliteTable(
  'settings_history',
  {
    id: id(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    effective_from: text('effective_from').notNull(),
    created_by: text('created_by').references(() => users.id),
    created_at: instant('created_at'),
  },
  (t) => [
    index('settings_key_from_idx').on(t.key, t.effective_from, t.created_at),
    check(
      'settings_key_check',
      sql`${t.key} IN ('platform_fee_bps', 'refund_approval_limit_pence', 'session_lifetime_hours')`,
    ),
    check('settings_date_check', sql`${t.effective_from} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`),
  ],
);
