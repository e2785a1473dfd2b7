CREATE TABLE `attributions` (
	`object_id` text PRIMARY KEY NOT NULL,
	`object_type` text NOT NULL,
	`decision` text NOT NULL,
	`learner_id` text,
	`learner_name` text,
	`learner_email` text,
	`instructor_id` text,
	`payment_type` text,
	`hours` integer,
	`rate_pence` integer,
	`payout_date` text,
	`note` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attributions_decision_check" CHECK("attributions"."decision" IN ('attributed', 'not_marketplace')),
	CONSTRAINT "attributions_attributed_check" CHECK("attributions"."decision" = 'not_marketplace' OR ("attributions"."instructor_id" IS NOT NULL AND (
        ("attributions"."object_type" = 'transfer' AND "attributions"."payout_date" IS NOT NULL) OR
        ("attributions"."object_type" <> 'transfer' AND "attributions"."learner_id" IS NOT NULL AND "attributions"."hours" > 0 AND "attributions"."rate_pence" > 0
          AND "attributions"."payment_type" IN ('lesson', 'credit_pack'))))),
	CONSTRAINT "attributions_note_check" CHECK(length(trim("attributions"."note")) > 0)
);
--> statement-breakpoint
CREATE INDEX `attributions_decided_idx` ON `attributions` (`decided_at`,`object_id`);--> statement-breakpoint
-- Hand-written: a decision is a console record, audited when made and never edited or deleted.
CREATE TRIGGER attributions_no_update BEFORE UPDATE ON attributions
BEGIN
  SELECT RAISE(ABORT, 'an attribution is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER attributions_no_delete BEFORE DELETE ON attributions
BEGIN
  SELECT RAISE(ABORT, 'an attribution is never deleted');
END;
