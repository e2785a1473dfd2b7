ALTER TABLE `clawbacks` ADD `waived_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `requested_amount_pence` integer;--> statement-breakpoint
DROP TRIGGER refund_requests_decided_once;
--> statement-breakpoint
CREATE TRIGGER refund_requests_decided_once BEFORE UPDATE ON refund_requests
WHEN OLD.state <> 'requested' OR NEW.state NOT IN ('approved', 'rejected')
  OR NEW.id IS NOT OLD.id OR NEW.payment_id IS NOT OLD.payment_id OR NEW.hours IS NOT OLD.hours
  OR NEW.requested_amount_pence IS NOT OLD.requested_amount_pence
  OR NEW.reason IS NOT OLD.reason OR NEW.note IS NOT OLD.note OR NEW.requested_by IS NOT OLD.requested_by
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a refund request is decided once, and what was asked never changes');
END;
--> statement-breakpoint
CREATE TRIGGER refund_requests_amount_as_asked BEFORE INSERT ON refund_requests
WHEN NEW.requested_amount_pence IS NOT NULL AND NEW.requested_amount_pence <> NEW.amount_pence
BEGIN
  SELECT RAISE(ABORT, 'a refund asked for by amount refunds exactly that amount');
END;
--> statement-breakpoint
CREATE TRIGGER clawbacks_waived_final BEFORE UPDATE ON clawbacks
WHEN OLD.status = 'waived'
BEGIN
  SELECT RAISE(ABORT, 'a waived clawback is final');
END;
--> statement-breakpoint
CREATE TRIGGER clawbacks_waive_outstanding BEFORE UPDATE OF status ON clawbacks
WHEN NEW.status = 'waived' AND NEW.waived_by IS NOT NULL AND (OLD.status <> 'outstanding' OR OLD.payout_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'only an outstanding clawback no payout run has deducted can be waived');
END;
