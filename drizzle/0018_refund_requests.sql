CREATE TABLE `dispute_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`dispute_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`decision` text NOT NULL,
	`instructor_share_pence` integer NOT NULL,
	`note` text NOT NULL,
	`decided_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dispute_decisions_decision_check" CHECK("dispute_decisions"."decision" IN ('claw_back', 'absorb')),
	CONSTRAINT "dispute_decisions_share_check" CHECK("dispute_decisions"."instructor_share_pence" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispute_decisions_dispute_idx` ON `dispute_decisions` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `refund_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`hours` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text NOT NULL,
	`requested_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`state` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_note` text,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refund_requests_hours_check" CHECK("refund_requests"."hours" > 0),
	CONSTRAINT "refund_requests_amount_check" CHECK("refund_requests"."amount_pence" > 0),
	CONSTRAINT "refund_requests_reason_check" CHECK("refund_requests"."reason" IN ('requested_by_customer', 'duplicate', 'fraudulent')),
	CONSTRAINT "refund_requests_state_check" CHECK("refund_requests"."state" IN ('requested', 'approved', 'rejected')),
	CONSTRAINT "refund_requests_decision_check" CHECK(("refund_requests"."state" = 'requested') = ("refund_requests"."decided_by" IS NULL AND "refund_requests"."decided_at" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `refund_requests_state_idx` ON `refund_requests` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `refund_requests_created_idx` ON `refund_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `refund_requests_payment_idx` ON `refund_requests` (`payment_id`,`created_at`);--> statement-breakpoint
CREATE TRIGGER refund_requests_no_delete BEFORE DELETE ON refund_requests
BEGIN
  SELECT RAISE(ABORT, 'a refund request is never deleted: reject it');
END;
--> statement-breakpoint
CREATE TRIGGER refund_requests_decided_once BEFORE UPDATE ON refund_requests
WHEN OLD.state <> 'requested' OR NEW.state NOT IN ('approved', 'rejected')
  OR NEW.id IS NOT OLD.id OR NEW.payment_id IS NOT OLD.payment_id OR NEW.hours IS NOT OLD.hours
  OR NEW.reason IS NOT OLD.reason OR NEW.note IS NOT OLD.note OR NEW.requested_by IS NOT OLD.requested_by
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a refund request is decided once, and what was asked never changes');
END;
--> statement-breakpoint
CREATE TRIGGER dispute_decisions_no_update BEFORE UPDATE ON dispute_decisions
BEGIN
  SELECT RAISE(ABORT, 'a dispute decision is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER dispute_decisions_no_delete BEFORE DELETE ON dispute_decisions
BEGIN
  SELECT RAISE(ABORT, 'a dispute decision is never deleted');
END;
