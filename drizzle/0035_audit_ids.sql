CREATE TABLE `audit_ids` (
	`value_id` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`value_id`, `seq`)
);
--> statement-breakpoint
-- The entries written before this migration: the same words the audit writer indexes (audit_value_ids is the
-- migrator's own function, src/main/db/migrate.ts) but the entry's own entity id, which audit_entity_id_idx holds,
-- sorted so the key's B-tree is filled in order.
INSERT INTO `audit_ids` (`value_id`, `seq`)
  SELECT t.value_id, a.seq FROM audit_logs a, audit_value_ids(coalesce(a.old_values, '') || ' ' || coalesce(a.new_values, '')) t
  WHERE t.value_id <> a.entity_id
  ORDER BY 1, 2;
