CREATE TABLE `reconciliation_locks` (
	`id` text PRIMARY KEY NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`report_id` text NOT NULL,
	`locked_by` text NOT NULL,
	`locked_at` integer NOT NULL,
	`fingerprint` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reconciliation_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "recon_locks_period_check" CHECK("reconciliation_locks"."period_from" <= "reconciliation_locks"."period_to")
);
--> statement-breakpoint
CREATE INDEX `recon_locks_period_idx` ON `reconciliation_locks` (`period_from`,`period_to`);--> statement-breakpoint
CREATE UNIQUE INDEX `recon_locks_report_idx` ON `reconciliation_locks` (`report_id`);--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `period_kind` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `period_from` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `period_to` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `status` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `run_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `figures` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `discrepancies` text;--> statement-breakpoint
ALTER TABLE `reconciliation_reports` ADD `discrepancy_count` integer;--> statement-breakpoint
CREATE INDEX `recon_period_idx` ON `reconciliation_reports` (`period_from`,`period_to`,`created_at`);--> statement-breakpoint
CREATE INDEX `recon_created_idx` ON `reconciliation_reports` (`created_at`);--> statement-breakpoint
-- Hand-written: a console run names its period and status; saved runs and locks are console records, never edited
-- or deleted (a rebuild of the ledger does not touch them either).
CREATE TRIGGER reconciliation_reports_run_check BEFORE INSERT ON reconciliation_reports
WHEN (NEW.period_from IS NULL) <> (NEW.period_to IS NULL)
  OR (NEW.period_from IS NOT NULL AND (NEW.period_from > NEW.period_to OR NEW.status IS NULL
      OR NEW.status NOT IN ('reconciled', 'discrepancies')))
BEGIN
  SELECT RAISE(ABORT, 'a reconciliation run names its period (from <= to) and its status (reconciled or discrepancies)');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_reports_no_update BEFORE UPDATE ON reconciliation_reports
BEGIN
  SELECT RAISE(ABORT, 'a saved reconciliation is never edited: run it again');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_reports_no_delete BEFORE DELETE ON reconciliation_reports
BEGIN
  SELECT RAISE(ABORT, 'a saved reconciliation is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_locks_reconciled BEFORE INSERT ON reconciliation_locks
WHEN NOT EXISTS (SELECT 1 FROM reconciliation_reports r WHERE r.id = NEW.report_id AND r.status = 'reconciled'
                   AND r.period_from = NEW.period_from AND r.period_to = NEW.period_to)
BEGIN
  SELECT RAISE(ABORT, 'only a reconciled run of the same period can be locked');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_locks_no_overlap BEFORE INSERT ON reconciliation_locks
WHEN EXISTS (SELECT 1 FROM reconciliation_locks l WHERE l.period_from <= NEW.period_to AND l.period_to >= NEW.period_from)
BEGIN
  SELECT RAISE(ABORT, 'this period overlaps a locked period');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_locks_no_update BEFORE UPDATE ON reconciliation_locks
BEGIN
  SELECT RAISE(ABORT, 'a lock is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_locks_no_delete BEFORE DELETE ON reconciliation_locks
BEGIN
  SELECT RAISE(ABORT, 'a lock is never deleted');
END;
