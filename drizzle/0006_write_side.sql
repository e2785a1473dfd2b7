CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`state` text NOT NULL,
	`params` text,
	`progress` text,
	`started_by` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "jobs_state_check" CHECK("jobs"."state" IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'))
);
--> statement-breakpoint
CREATE INDEX `jobs_created_idx` ON `jobs` (`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_kind_idx` ON `jobs` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `stripe_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`target` text,
	`params` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`intent_type` text NOT NULL,
	`intent_id` text NOT NULL,
	`description` text NOT NULL,
	`requested_by` text,
	`job_id` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`stripe_object_id` text,
	`stripe_request_id` text,
	`error_type` text,
	`error_code` text,
	`error_message` text,
	`error_param` text,
	`error_status` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`first_sent_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stripe_requests_state_check" CHECK("stripe_requests"."state" IN ('pending', 'sent', 'succeeded', 'failed', 'unknown', 'canceled')),
	CONSTRAINT "stripe_requests_key_check" CHECK(length("stripe_requests"."idempotency_key") BETWEEN 1 AND 255),
	CONSTRAINT "stripe_requests_attempts_check" CHECK("stripe_requests"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stripe_requests_seq_idx` ON `stripe_requests` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `stripe_requests_key_idx` ON `stripe_requests` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `stripe_requests_due_idx` ON `stripe_requests` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `stripe_requests_intent_idx` ON `stripe_requests` (`intent_type`,`intent_id`,`seq`);--> statement-breakpoint
CREATE INDEX `stripe_requests_target_idx` ON `stripe_requests` (`target`,`seq`);--> statement-breakpoint
CREATE INDEX `stripe_requests_job_idx` ON `stripe_requests` (`job_id`);--> statement-breakpoint
CREATE INDEX `stripe_requests_object_idx` ON `stripe_requests` (`stripe_object_id`);