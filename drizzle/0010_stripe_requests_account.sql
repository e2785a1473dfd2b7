ALTER TABLE `stripe_requests` ADD `stripe_mode` text;--> statement-breakpoint
ALTER TABLE `stripe_requests` ADD `stripe_account` text;--> statement-breakpoint
ALTER TABLE `stripe_requests` ADD `maybe_applied` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `stripe_requests` ADD `held_reason` text;--> statement-breakpoint
-- The account and mode a write was asked of never change, nor, once linked, the Stripe object it made, who asked
-- for it or the job it belongs to.
CREATE TRIGGER stripe_requests_fixed_account BEFORE UPDATE OF stripe_mode, stripe_account, stripe_object_id, requested_by, job_id ON stripe_requests
WHEN OLD.stripe_mode IS NOT NEW.stripe_mode OR OLD.stripe_account IS NOT NEW.stripe_account
  OR (OLD.stripe_object_id IS NOT NULL AND OLD.stripe_object_id IS NOT NEW.stripe_object_id)
  OR OLD.requested_by IS NOT NEW.requested_by OR OLD.job_id IS NOT NEW.job_id
BEGIN
  SELECT RAISE(ABORT, 'a Stripe write keeps its account, its mode, the object it made, who asked and its job');
END;
