PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_settings_history` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`value` integer NOT NULL,
	`effective_from` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "settings_key_check" CHECK("__new_settings_history"."key" IN ('platform_fee_bps', 'refund_approval_limit_pence', 'session_lifetime_hours')),
	CONSTRAINT "settings_date_check" CHECK("__new_settings_history"."effective_from" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
INSERT INTO `__new_settings_history`("id", "key", "value", "effective_from", "created_by", "created_at") SELECT "id", "key", "value", "effective_from", "created_by", "created_at" FROM `settings_history`;--> statement-breakpoint
DROP TABLE `settings_history`;--> statement-breakpoint
ALTER TABLE `__new_settings_history` RENAME TO `settings_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `settings_key_from_idx` ON `settings_history` (`key`,`effective_from`,`created_at`);