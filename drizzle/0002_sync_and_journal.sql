CREATE TABLE `earnings` (
	`id` text PRIMARY KEY NOT NULL,
	`completion_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`instructor_id` text NOT NULL,
	`hours_from` integer NOT NULL,
	`hours_to` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`payable_on` text NOT NULL,
	`payout_id` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`completion_id`) REFERENCES `lesson_completions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payout_id`) REFERENCES `payouts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "earnings_hours_check" CHECK("earnings"."hours_from" >= 0 AND "earnings"."hours_to" > "earnings"."hours_from"),
	CONSTRAINT "earnings_amount_check" CHECK("earnings"."amount_pence" >= 0),
	CONSTRAINT "earnings_status_check" CHECK("earnings"."status" IN ('owed', 'paid', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `earnings_instructor_idx` ON `earnings` (`instructor_id`,`payable_on`);--> statement-breakpoint
CREATE INDEX `earnings_payment_idx` ON `earnings` (`payment_id`,`hours_from`);--> statement-breakpoint
CREATE INDEX `earnings_payout_idx` ON `earnings` (`payout_id`);--> statement-breakpoint
CREATE TABLE `journal_lines` (
	`transaction_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`account` text NOT NULL,
	`amount_pence` integer NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `journal_transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_lines_pk_idx` ON `journal_lines` (`transaction_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `journal_lines_account_idx` ON `journal_lines` (`account`);--> statement-breakpoint
CREATE TABLE `journal_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_type` text NOT NULL,
	`source_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`description` text NOT NULL,
	`payment_id` text,
	`instructor_id` text,
	`learner_id` text,
	`origin` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journal_tx_occurred_idx` ON `journal_transactions` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `journal_tx_origin_idx` ON `journal_transactions` (`origin`);--> statement-breakpoint
CREATE INDEX `journal_tx_source_idx` ON `journal_transactions` (`source_id`);--> statement-breakpoint
CREATE INDEX `journal_tx_payment_idx` ON `journal_transactions` (`payment_id`);--> statement-breakpoint
CREATE INDEX `journal_tx_instructor_idx` ON `journal_transactions` (`instructor_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `lesson_completions` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`instructor_id` text NOT NULL,
	`hours` integer NOT NULL,
	`completed_at` integer NOT NULL,
	`source` text NOT NULL,
	`external_ref` text,
	`recorded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "lesson_completions_hours_check" CHECK("lesson_completions"."hours" > 0),
	CONSTRAINT "lesson_completions_source_check" CHECK("lesson_completions"."source" IN ('import', 'console'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_completions_ref_idx` ON `lesson_completions` (`external_ref`);--> statement-breakpoint
CREATE INDEX `lesson_completions_pair_idx` ON `lesson_completions` (`learner_id`,`instructor_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `lesson_completions_instructor_idx` ON `lesson_completions` (`instructor_id`,`completed_at`);--> statement-breakpoint
CREATE TABLE `projection_refs` (
	`ref` text NOT NULL,
	`root` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projection_refs_pk_idx` ON `projection_refs` (`ref`,`root`);--> statement-breakpoint
CREATE INDEX `projection_refs_root_idx` ON `projection_refs` (`root`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created` integer NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`account` text,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`state` text NOT NULL,
	`error` text,
	CONSTRAINT "stripe_events_state_check" CHECK("stripe_events"."state" IN ('applied', 'error'))
);
--> statement-breakpoint
CREATE INDEX `stripe_events_created_idx` ON `stripe_events` (`created`,`id`);--> statement-breakpoint
CREATE INDEX `stripe_events_object_idx` ON `stripe_events` (`object_id`);--> statement-breakpoint
CREATE INDEX `stripe_events_state_idx` ON `stripe_events` (`state`);--> statement-breakpoint
CREATE TABLE `stripe_objects` (
	`id` text PRIMARY KEY NOT NULL,
	`object_type` text NOT NULL,
	`account` text,
	`created` integer NOT NULL,
	`version` text NOT NULL,
	`payload` text NOT NULL,
	`observed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stripe_objects_type_created_idx` ON `stripe_objects` (`object_type`,`created`);--> statement-breakpoint
CREATE TABLE `stripe_observations` (
	`id` text PRIMARY KEY NOT NULL,
	`object_id` text NOT NULL,
	`object_type` text NOT NULL,
	`source` text NOT NULL,
	`observed_at` integer NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`account` text,
	CONSTRAINT "stripe_observations_source_check" CHECK("stripe_observations"."source" IN ('list', 'fetch'))
);
--> statement-breakpoint
CREATE INDEX `stripe_observations_object_idx` ON `stripe_observations` (`object_id`,`observed_at`);--> statement-breakpoint
CREATE TABLE `sync_errors` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`object_id` text,
	`event_id` text,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`hint` text NOT NULL,
	`occurrences` integer DEFAULT 1 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`resolved_at` integer,
	CONSTRAINT "sync_errors_scope_check" CHECK("sync_errors"."scope" IN ('event', 'object', 'request', 'backfill', 'projection'))
);
--> statement-breakpoint
CREATE INDEX `sync_errors_open_idx` ON `sync_errors` (`resolved_at`,`last_seen_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_errors_key_idx` ON `sync_errors` (`scope`,`code`,`object_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unattributed_objects` (
	`object_id` text PRIMARY KEY NOT NULL,
	`object_type` text NOT NULL,
	`reason` text NOT NULL,
	`message` text NOT NULL,
	`amount_pence` integer,
	`created` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `unattributed_created_idx` ON `unattributed_objects` (`created`,`object_id`);