CREATE TABLE `instructors` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`hourly_rate_pence` integer NOT NULL,
	`is_active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "instructors_rate_check" CHECK("instructors"."hourly_rate_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `instructors_user_idx` ON `instructors` (`user_id`);--> statement-breakpoint
CREATE TABLE `operators` (
	`user_id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`is_active` integer NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`last_failed_at` integer,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "operators_role_check" CHECK("operators"."role" IN ('support', 'finance', 'manager', 'admin')),
	CONSTRAINT "operators_username_check" CHECK("operators"."username" = lower("operators"."username")),
	CONSTRAINT "operators_failed_check" CHECK("operators"."failed_attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_username_idx` ON `operators` (`username`);--> statement-breakpoint
CREATE INDEX `operators_role_idx` ON `operators` (`role`);--> statement-breakpoint
CREATE INDEX `operators_created_idx` ON `operators` (`created_at`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "profiles_role_check" CHECK("profiles"."role" IN ('learner', 'instructor', 'staff'))
);
--> statement-breakpoint
CREATE INDEX `profiles_user_idx` ON `profiles` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings_history` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`value` integer NOT NULL,
	`effective_from` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "settings_key_check" CHECK("settings_history"."key" IN ('platform_fee_bps', 'refund_approval_limit_pence')),
	CONSTRAINT "settings_date_check" CHECK("settings_history"."effective_from" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `settings_key_from_idx` ON `settings_history` (`key`,`effective_from`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`name`);--> statement-breakpoint
CREATE TABLE `discount_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`discount_percentage` integer NOT NULL,
	`max_uses` integer NOT NULL,
	`uses_count` integer DEFAULT 0 NOT NULL,
	`expires_at` text,
	`is_active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "discount_codes_pct_check" CHECK("discount_codes"."discount_percentage" BETWEEN 1 AND 100),
	CONSTRAINT "discount_codes_uses_check" CHECK("discount_codes"."uses_count" >= 0 AND "discount_codes"."max_uses" >= 0),
	CONSTRAINT "discount_codes_code_check" CHECK("discount_codes"."code" = upper("discount_codes"."code") AND length("discount_codes"."code") BETWEEN 4 AND 32),
	CONSTRAINT "discount_codes_expiry_check" CHECK("discount_codes"."expires_at" IS NULL OR "discount_codes"."expires_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discount_codes_code_idx` ON `discount_codes` (`code`);--> statement-breakpoint
CREATE INDEX `discount_codes_created_idx` ON `discount_codes` (`created_at`);--> statement-breakpoint
CREATE TABLE `learner_credits` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`instructor_id` text NOT NULL,
	`hours_purchased` integer NOT NULL,
	`hours_used` integer NOT NULL,
	`is_active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "learner_credits_hours_check" CHECK("learner_credits"."hours_used" >= 0 AND "learner_credits"."hours_used" <= "learner_credits"."hours_purchased")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learner_credits_pair_idx` ON `learner_credits` (`learner_id`,`instructor_id`);--> statement-breakpoint
CREATE INDEX `learner_credits_instructor_idx` ON `learner_credits` (`instructor_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`instructor_id` text NOT NULL,
	`stripe_payment_intent_id` text NOT NULL,
	`total_amount_pence` integer NOT NULL,
	`platform_fee_pence` integer NOT NULL,
	`instructor_amount_pence` integer NOT NULL,
	`status` text NOT NULL,
	`payment_type` text NOT NULL,
	`hours` integer NOT NULL,
	`discount_pence` integer DEFAULT 0 NOT NULL,
	`discount_code_id` text,
	`referral_code_id` text,
	`amount_refunded_pence` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`discount_code_id`) REFERENCES `discount_codes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referral_code_id`) REFERENCES `referral_codes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amounts_check" CHECK("payments"."total_amount_pence" >= 0 AND "payments"."instructor_amount_pence" >= 0),
	CONSTRAINT "payments_split_check" CHECK("payments"."total_amount_pence" = "payments"."instructor_amount_pence" + "payments"."platform_fee_pence"),
	CONSTRAINT "payments_discount_check" CHECK("payments"."discount_pence" >= 0),
	CONSTRAINT "payments_refunded_check" CHECK("payments"."amount_refunded_pence" >= 0 AND "payments"."amount_refunded_pence" <= "payments"."total_amount_pence"),
	CONSTRAINT "payments_hours_check" CHECK("payments"."hours" > 0),
	CONSTRAINT "payments_one_code_check" CHECK("payments"."discount_code_id" IS NULL OR "payments"."referral_code_id" IS NULL),
	CONSTRAINT "payments_status_check" CHECK("payments"."status" IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded', 'disputed')),
	CONSTRAINT "payments_type_check" CHECK("payments"."payment_type" IN ('lesson', 'credit_pack'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_pi_idx` ON `payments` (`stripe_payment_intent_id`);--> statement-breakpoint
CREATE INDEX `payments_created_idx` ON `payments` (`created_at`);--> statement-breakpoint
CREATE INDEX `payments_status_created_idx` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_type_created_idx` ON `payments` (`payment_type`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_learner_idx` ON `payments` (`learner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_instructor_idx` ON `payments` (`instructor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_total_idx` ON `payments` (`total_amount_pence`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`stripe_transfer_id` text,
	`amount_pence` integer NOT NULL,
	`status` text NOT NULL,
	`payout_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payouts_amount_check" CHECK("payouts"."amount_pence" > 0),
	CONSTRAINT "payouts_status_check" CHECK("payouts"."status" IN ('pending', 'submitted', 'paid', 'failed', 'held', 'reversed')),
	CONSTRAINT "payouts_date_check" CHECK("payouts"."payout_date" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_transfer_idx` ON `payouts` (`stripe_transfer_id`);--> statement-breakpoint
CREATE INDEX `payouts_date_idx` ON `payouts` (`payout_date`,`instructor_id`);--> statement-breakpoint
CREATE INDEX `payouts_instructor_idx` ON `payouts` (`instructor_id`,`payout_date`);--> statement-breakpoint
CREATE INDEX `payouts_status_idx` ON `payouts` (`status`,`payout_date`);--> statement-breakpoint
CREATE TABLE `referral_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`referrer_id` text NOT NULL,
	`discount_percentage` integer NOT NULL,
	`max_uses` integer NOT NULL,
	`uses_count` integer DEFAULT 0 NOT NULL,
	`expires_at` text,
	`is_active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`referrer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referral_codes_pct_check" CHECK("referral_codes"."discount_percentage" BETWEEN 1 AND 100),
	CONSTRAINT "referral_codes_uses_check" CHECK("referral_codes"."uses_count" >= 0 AND "referral_codes"."max_uses" >= 0),
	CONSTRAINT "referral_codes_code_check" CHECK("referral_codes"."code" = upper("referral_codes"."code") AND length("referral_codes"."code") BETWEEN 4 AND 32),
	CONSTRAINT "referral_codes_expiry_check" CHECK("referral_codes"."expires_at" IS NULL OR "referral_codes"."expires_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referral_codes_code_idx` ON `referral_codes` (`code`);--> statement-breakpoint
CREATE INDEX `referral_codes_referrer_idx` ON `referral_codes` (`referrer_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`stripe_refund_id` text,
	`amount_pence` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`hours` integer,
	`note` text,
	`requested_by` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_amount_check" CHECK("refunds"."amount_pence" > 0),
	CONSTRAINT "refunds_hours_check" CHECK("refunds"."hours" IS NULL OR "refunds"."hours" > 0),
	CONSTRAINT "refunds_status_check" CHECK("refunds"."status" IN ('requested', 'approved', 'rejected', 'submitted', 'pending', 'succeeded', 'failed', 'canceled')),
	CONSTRAINT "refunds_maker_checker_check" CHECK("refunds"."decided_by" IS NULL OR "refunds"."requested_by" IS NULL OR "refunds"."decided_by" <> "refunds"."requested_by")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_stripe_idx` ON `refunds` (`stripe_refund_id`);--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `refunds_status_created_idx` ON `refunds` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `refunds_created_idx` ON `refunds` (`created_at`);--> statement-breakpoint
CREATE TABLE `stripe_connect_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`stripe_account_id` text NOT NULL,
	`account_type` text NOT NULL,
	`status` text NOT NULL,
	`charges_enabled` integer NOT NULL,
	`payouts_enabled` integer NOT NULL,
	`country` text NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sca_type_check" CHECK("stripe_connect_accounts"."account_type" IN ('express', 'standard', 'custom')),
	CONSTRAINT "sca_status_check" CHECK("stripe_connect_accounts"."status" IN ('pending', 'enabled', 'restricted', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sca_stripe_account_idx` ON `stripe_connect_accounts` (`stripe_account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sca_instructor_idx` ON `stripe_connect_accounts` (`instructor_id`);--> statement-breakpoint
CREATE TABLE `audit_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`old_values` text,
	`new_values` text,
	`user_id` text,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "audit_actor_check" CHECK("audit_logs"."actor" IN ('operator', 'sync', 'system')),
	CONSTRAINT "audit_seq_check" CHECK("audit_logs"."seq" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_seq_idx` ON `audit_logs` (`seq`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_logs` (`entity_type`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_logs` (`action`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_user_idx` ON `audit_logs` (`user_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_entity_id_idx` ON `audit_logs` (`entity_id`);--> statement-breakpoint
CREATE TABLE `reconciliation_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`report_date` text NOT NULL,
	`total_revenue_pence` integer NOT NULL,
	`total_payouts_pence` integer NOT NULL,
	`total_fees_pence` integer NOT NULL,
	`payment_breakdown` text,
	`payout_breakdown` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "recon_date_check" CHECK("reconciliation_reports"."report_date" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `recon_date_idx` ON `reconciliation_reports` (`report_date`);