CREATE TABLE `clawbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`reason` text NOT NULL,
	`source_ref` text,
	`status` text NOT NULL,
	`payout_id` text,
	`note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payout_id`) REFERENCES `payout_run_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "clawbacks_amount_check" CHECK("clawbacks"."amount_pence" > 0),
	CONSTRAINT "clawbacks_status_check" CHECK("clawbacks"."status" IN ('outstanding', 'deducted', 'recovered', 'waived'))
);
--> statement-breakpoint
CREATE INDEX `clawbacks_instructor_idx` ON `clawbacks` (`instructor_id`,`status`);--> statement-breakpoint
CREATE INDEX `clawbacks_payout_idx` ON `clawbacks` (`payout_id`);--> statement-breakpoint
CREATE TABLE `payout_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`minimum_pence` integer NOT NULL,
	`schedule_weekday` integer NOT NULL,
	`schedule_time` text NOT NULL,
	`auto_prepare` integer NOT NULL,
	`auto_execute_limit_pence` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payout_policies_minimum_check" CHECK("payout_policies"."minimum_pence" >= 0),
	CONSTRAINT "payout_policies_weekday_check" CHECK("payout_policies"."schedule_weekday" BETWEEN 0 AND 6),
	CONSTRAINT "payout_policies_time_check" CHECK("payout_policies"."schedule_time" GLOB '[0-2][0-9]:[0-5][0-9]'),
	CONSTRAINT "payout_policies_limit_check" CHECK("payout_policies"."auto_execute_limit_pence" IS NULL OR "payout_policies"."auto_execute_limit_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `payout_policies_created_idx` ON `payout_policies` (`created_at`);--> statement-breakpoint
CREATE TABLE `payout_run_items` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`instructor_id` text NOT NULL,
	`earnings_pence` integer NOT NULL,
	`transferred_pence` integer NOT NULL,
	`clawbacks_pence` integer NOT NULL,
	`owed_pence` integer NOT NULL,
	`status` text NOT NULL,
	`held_reason` text,
	`request_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payout_run_items_status_check" CHECK("payout_run_items"."status" IN ('ready', 'held')),
	CONSTRAINT "payout_run_items_owed_check" CHECK("payout_run_items"."owed_pence" = "payout_run_items"."earnings_pence" - "payout_run_items"."transferred_pence" - "payout_run_items"."clawbacks_pence"),
	CONSTRAINT "payout_run_items_ready_check" CHECK("payout_run_items"."status" <> 'ready' OR "payout_run_items"."owed_pence" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_run_items_instructor_idx` ON `payout_run_items` (`run_id`,`instructor_id`);--> statement-breakpoint
CREATE INDEX `payout_run_items_request_idx` ON `payout_run_items` (`request_id`);--> statement-breakpoint
CREATE INDEX `payout_run_items_by_instructor_idx` ON `payout_run_items` (`instructor_id`);--> statement-breakpoint
CREATE TABLE `payout_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`payout_date` text NOT NULL,
	`source` text NOT NULL,
	`prepared_by` text,
	`prepared_at` integer NOT NULL,
	`total_pence` integer NOT NULL,
	`ready_count` integer NOT NULL,
	`held_count` integer NOT NULL,
	`executed_by` text,
	`executed_at` integer,
	`job_id` text,
	`stopped_reason` text,
	FOREIGN KEY (`prepared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`executed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payout_runs_date_check" CHECK("payout_runs"."payout_date" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	CONSTRAINT "payout_runs_source_check" CHECK("payout_runs"."source" IN ('console', 'schedule')),
	CONSTRAINT "payout_runs_counts_check" CHECK("payout_runs"."ready_count" >= 0 AND "payout_runs"."held_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_runs_date_idx` ON `payout_runs` (`payout_date`);--> statement-breakpoint
CREATE INDEX `payout_runs_prepared_idx` ON `payout_runs` (`prepared_at`);--> statement-breakpoint
CREATE INDEX `earnings_payable_idx` ON `earnings` (`instructor_id`,`payable_on`,`status`,`amount_pence`);--> statement-breakpoint
-- Hand-written: payout runs, their items, clawbacks and policies are console records — never deleted; a run is
-- executed once; a policy is replaced by a newer row, never edited.
CREATE TRIGGER payout_runs_no_delete BEFORE DELETE ON payout_runs
BEGIN
  SELECT RAISE(ABORT, 'a payout run is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER payout_runs_executed_once BEFORE UPDATE OF executed_at, executed_by ON payout_runs
WHEN OLD.executed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a payout run is executed once: retry it instead');
END;
--> statement-breakpoint
CREATE TRIGGER payout_run_items_no_delete BEFORE DELETE ON payout_run_items
WHEN (SELECT executed_at FROM payout_runs WHERE id = OLD.run_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'the instructors of an executed payout run are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER clawbacks_no_delete BEFORE DELETE ON clawbacks
BEGIN
  SELECT RAISE(ABORT, 'a clawback is never deleted: waive it');
END;
--> statement-breakpoint
CREATE TRIGGER payout_policies_no_update BEFORE UPDATE ON payout_policies
BEGIN
  SELECT RAISE(ABORT, 'a payout policy is never edited: set a new one');
END;
--> statement-breakpoint
CREATE TRIGGER payout_policies_no_delete BEFORE DELETE ON payout_policies
BEGIN
  SELECT RAISE(ABORT, 'a payout policy is never deleted');
END;
