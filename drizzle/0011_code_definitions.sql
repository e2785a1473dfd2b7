CREATE TABLE `code_definitions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`discount_percentage` integer NOT NULL,
	`max_uses` integer,
	`expires_on` text,
	`is_active` integer NOT NULL,
	`referrer_id` text,
	`batch_id` text,
	`origin` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`referrer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "code_definitions_kind_check" CHECK("code_definitions"."kind" IN ('discount', 'referral')),
	CONSTRAINT "code_definitions_origin_check" CHECK("code_definitions"."origin" IN ('console', 'stripe')),
	CONSTRAINT "code_definitions_referrer_check" CHECK(("code_definitions"."kind" = 'referral') = ("code_definitions"."referrer_id" IS NOT NULL)),
	CONSTRAINT "code_definitions_pct_check" CHECK("code_definitions"."discount_percentage" BETWEEN 1 AND 100),
	CONSTRAINT "code_definitions_max_check" CHECK("code_definitions"."max_uses" IS NULL OR "code_definitions"."max_uses" >= 1),
	CONSTRAINT "code_definitions_code_check" CHECK("code_definitions"."code" = upper("code_definitions"."code") AND length("code_definitions"."code") BETWEEN 4 AND 32 AND "code_definitions"."code" NOT GLOB '*[^A-Z0-9-]*'),
	CONSTRAINT "code_definitions_expiry_check" CHECK("code_definitions"."expires_on" IS NULL OR "code_definitions"."expires_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `code_definitions_code_idx` ON `code_definitions` (`code`);--> statement-breakpoint
CREATE INDEX `code_definitions_batch_idx` ON `code_definitions` (`batch_id`);--> statement-breakpoint
ALTER TABLE `discount_codes` ADD `stripe_times_redeemed` integer;--> statement-breakpoint
ALTER TABLE `referral_codes` ADD `stripe_times_redeemed` integer;--> statement-breakpoint
ALTER TABLE `stripe_requests` ADD `depends_on` text;--> statement-breakpoint
CREATE INDEX `stripe_requests_depends_idx` ON `stripe_requests` (`depends_on`);--> statement-breakpoint
CREATE INDEX `payments_discount_code_idx` ON `payments` (`discount_code_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_referral_code_idx` ON `payments` (`referral_code_id`,`created_at`);--> statement-breakpoint
-- Codes are never deleted; a definition keeps its text, kind and referrer.
CREATE TRIGGER code_definitions_no_delete BEFORE DELETE ON code_definitions
BEGIN
  SELECT RAISE(ABORT, 'codes are never deleted: deactivate the code instead');
END;
--> statement-breakpoint
CREATE TRIGGER code_definitions_fixed BEFORE UPDATE OF code, kind, referrer_id, id ON code_definitions
WHEN OLD.code IS NOT NEW.code OR OLD.kind IS NOT NEW.kind OR OLD.referrer_id IS NOT NEW.referrer_id OR OLD.id IS NOT NEW.id
BEGIN
  SELECT RAISE(ABORT, 'a code keeps its text, its kind and its referrer');
END;
--> statement-breakpoint
CREATE TRIGGER stripe_requests_fixed_dependency BEFORE UPDATE OF depends_on ON stripe_requests
WHEN OLD.depends_on IS NOT NEW.depends_on
BEGIN
  SELECT RAISE(ABORT, 'a Stripe write keeps the write it waits for');
END;
--> statement-breakpoint
-- Codes are now projected per code text (every promotion code of a text and the console's definition together):
-- promotion codes move from their own roots to their text's root, which the codes domain projects again after this.
DELETE FROM projection_refs WHERE root LIKE 'promotion:%';
--> statement-breakpoint
INSERT OR IGNORE INTO projection_refs (ref, root)
SELECT id, 'codetext:' || upper(json_extract(payload, '$.code')) FROM stripe_objects
WHERE object_type = 'promotion_code' AND account IS NULL AND json_extract(payload, '$.code') IS NOT NULL;
