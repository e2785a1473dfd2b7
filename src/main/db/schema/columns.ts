// Column helpers shared by every table: UUID text ids, epoch-millisecond instants, booleans, pence.
import { integer, text } from 'drizzle-orm/sqlite-core';

export const id = () => text('id').primaryKey();
export const instant = (name: string) => integer(name).notNull();
export const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull();
export const pence = (name: string) => integer(name).notNull();
export const timestamps = () => ({ created_at: instant('created_at'), updated_at: instant('updated_at') });
