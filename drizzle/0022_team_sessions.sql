CREATE TABLE `team_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`operator_id` text NOT NULL,
	`connection` text NOT NULL,
	`from_label` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	`ended_at` integer,
	`ended_reason` text,
	FOREIGN KEY (`operator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_sessions_ref_unique` ON `team_sessions` (`ref`);--> statement-breakpoint
CREATE INDEX `team_sessions_open_idx` ON `team_sessions` (`ended_at`);