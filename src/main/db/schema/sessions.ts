// Sessions issued to the HTTP host's clients (the team server's desks), kept so a restart signs nobody out: only a
// hash of each session id is stored, never the id the client holds.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { users } from './people';

export const teamSessions = sqliteTable(
  'team_sessions',
  {
    /** SHA-256 of the session id, hex. */
    id_hash: text('id_hash').primaryKey(),
    ref: text('ref').notNull().unique(),
    operator_id: text('operator_id')
      .notNull()
      .references(() => users.id),
    connection: text('connection').notNull(),
    from_label: text('from_label').notNull(),
    started_at: instant('started_at'),
    last_active_at: instant('last_active_at'),
    ended_at: integer('ended_at'),
    ended_reason: text('ended_reason'),
  },
  (t) => [index('team_sessions_open_idx').on(t.ended_at)],
);
