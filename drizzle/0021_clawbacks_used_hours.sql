ALTER TABLE `refunds` ADD `used_hours` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `clawbacks` ADD `method` text DEFAULT 'deduction' NOT NULL;--> statement-breakpoint
ALTER TABLE `clawbacks` ADD `stripe_transfer_id` text;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `used_hours` integer DEFAULT 0 NOT NULL;