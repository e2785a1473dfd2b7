-- The kept Stripe read's compared fields as columns instead of one JSON text per object, so a later run loads it
-- with a plain SELECT (src/main/recon/stripe-kept.ts). The table is made again (SQLite cannot add a NOT NULL column
-- without a default) and every kept object converted (a payout keeps how many balance transactions it carried,
-- the only use the checks made of their ids), so the next run still reads only Stripe's changes.
CREATE TABLE `__new_recon_stripe_objects` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`created` integer NOT NULL,
	`amount` integer NOT NULL,
	`status` text,
	`payment_intent` text,
	`amount_refunded` integer,
	`disputed` integer,
	`amount_reversed` integer,
	`destination` text,
	`automatic` integer,
	`carried_pence` integer,
	`carried_count` integer,
	PRIMARY KEY(`kind`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_recon_stripe_objects` (`kind`, `id`, `created`, `amount`, `status`, `payment_intent`,
  `amount_refunded`, `disputed`, `amount_reversed`, `destination`, `automatic`, `carried_pence`, `carried_count`)
SELECT `kind`, `id`, json_extract(`fields`, '$.created'), json_extract(`fields`, '$.amount'),
  CASE WHEN `kind` IN ('charge', 'payout') THEN json_extract(`fields`, '$.status') END,
  CASE WHEN `kind` = 'charge' THEN json_extract(`fields`, '$.paymentIntent') END,
  CASE WHEN `kind` = 'charge' THEN json_extract(`fields`, '$.amountRefunded') END,
  CASE WHEN `kind` = 'charge' THEN json_extract(`fields`, '$.disputed') END,
  CASE WHEN `kind` = 'transfer' THEN json_extract(`fields`, '$.amountReversed') END,
  CASE WHEN `kind` = 'transfer' THEN json_extract(`fields`, '$.destination') END,
  CASE WHEN `kind` = 'payout' THEN json_extract(`fields`, '$.automatic') END,
  CASE WHEN `kind` = 'payout' THEN json_extract(`fields`, '$.carriedPence') END,
  CASE WHEN `kind` = 'payout' THEN json_array_length(`fields`, '$.carriedIds') END
FROM `recon_stripe_objects`;
--> statement-breakpoint
DROP TABLE `recon_stripe_objects`;
--> statement-breakpoint
ALTER TABLE `__new_recon_stripe_objects` RENAME TO `recon_stripe_objects`;
