ALTER TABLE `discount_codes` ADD `stripe_promotion_code_id` text;--> statement-breakpoint
CREATE INDEX `discount_codes_promotion_idx` ON `discount_codes` (`stripe_promotion_code_id`);--> statement-breakpoint
CREATE INDEX `discount_codes_active_idx` ON `discount_codes` (`is_active`,`code`);--> statement-breakpoint
ALTER TABLE `referral_codes` ADD `stripe_promotion_code_id` text;--> statement-breakpoint
CREATE INDEX `referral_codes_promotion_idx` ON `referral_codes` (`stripe_promotion_code_id`);--> statement-breakpoint
CREATE INDEX `referral_codes_active_idx` ON `referral_codes` (`is_active`,`code`);