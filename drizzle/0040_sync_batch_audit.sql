CREATE TABLE `audit_sync_changes` (
	`seq` integer NOT NULL,
	`n` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`old_values` text,
	`new_values` text,
	`root` text NOT NULL,
	PRIMARY KEY(`seq`, `n`)
);
--> statement-breakpoint
CREATE INDEX `audit_sync_changes_entity_idx` ON `audit_sync_changes` (`entity_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_sync_changes_type_idx` ON `audit_sync_changes` (`entity_type`,`seq`);--> statement-breakpoint
-- Append-only like the chain whose entries these rows belong to. Existing workspaces keep their per-entity sync entries
-- in audit_logs as they are: only batches applied from now on write here.
CREATE TRIGGER `audit_sync_changes_no_update` BEFORE UPDATE ON `audit_sync_changes`
BEGIN
  SELECT RAISE(ABORT, 'audit_sync_changes is append-only: changes cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_sync_changes_no_delete` BEFORE DELETE ON `audit_sync_changes`
BEGIN
  SELECT RAISE(ABORT, 'audit_sync_changes is append-only: changes cannot be removed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_sync_changes_no_replace` BEFORE INSERT ON `audit_sync_changes`
WHEN EXISTS (SELECT 1 FROM `audit_sync_changes` WHERE `seq` = NEW.`seq` AND `n` = NEW.`n`)
BEGIN
  SELECT RAISE(ABORT, 'audit_sync_changes is append-only: a change cannot be replaced');
END;
