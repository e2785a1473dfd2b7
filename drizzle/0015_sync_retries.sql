CREATE TABLE `sync_retries` (
	`id` text PRIMARY KEY NOT NULL,
	`input` text NOT NULL,
	`object_id` text,
	`event_id` text,
	`attempts` integer NOT NULL,
	`first_failed_at` integer NOT NULL,
	`last_failed_at` integer NOT NULL,
	`last_error` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_retries_order_idx` ON `sync_retries` (`first_failed_at`,`id`);