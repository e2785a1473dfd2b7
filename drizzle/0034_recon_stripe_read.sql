CREATE TABLE `recon_stripe_objects` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`fields` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
--> statement-breakpoint
CREATE TABLE `recon_stripe_read` (
	`id` integer PRIMARY KEY NOT NULL,
	`span_start` integer NOT NULL,
	`span_end` integer NOT NULL,
	`event_cursor` text,
	`read_at` integer NOT NULL,
	`ended_at` integer NOT NULL
);
