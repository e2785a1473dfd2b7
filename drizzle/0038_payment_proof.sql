CREATE TABLE `recon_payment_proof` (
	`id` integer PRIMARY KEY NOT NULL,
	`span_start` integer NOT NULL,
	`span_end` integer NOT NULL,
	`inputs` text NOT NULL,
	`migrations` integer NOT NULL,
	`proven_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recon_payment_unproven` (
	`key` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- What the payment checks must make again (src/main/recon/payment-proof.ts), noted only while a proof exists: the
-- PaymentIntent of a payment row added, deleted or changed in a column the checks read (old and new), an unattributed
-- object's id, and a kept Stripe charge's PaymentIntent and id when a field the checks compare changed (a run that read
-- Stripe's changes replaces its rows, some as they were; one that read whole deletes and writes them all, which notes
-- every charge). A charge's insert is noted before it replaces the row, so that a row written as it was notes nothing.
CREATE TRIGGER recon_payment_unproven_payment_insert AFTER INSERT ON payments WHEN EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (NEW.stripe_payment_intent_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_payment_delete AFTER DELETE ON payments WHEN EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (OLD.stripe_payment_intent_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_payment_update AFTER UPDATE OF id, stripe_payment_intent_id, created_at, total_amount_pence, instructor_amount_pence, platform_fee_pence, discount_pence, amount_refunded_pence, status ON payments WHEN EXISTS (SELECT 1 FROM recon_payment_proof) AND (OLD.id IS NOT NEW.id OR OLD.stripe_payment_intent_id IS NOT NEW.stripe_payment_intent_id OR OLD.created_at IS NOT NEW.created_at OR OLD.total_amount_pence IS NOT NEW.total_amount_pence OR OLD.instructor_amount_pence IS NOT NEW.instructor_amount_pence OR OLD.platform_fee_pence IS NOT NEW.platform_fee_pence OR OLD.discount_pence IS NOT NEW.discount_pence OR OLD.amount_refunded_pence IS NOT NEW.amount_refunded_pence OR OLD.status IS NOT NEW.status) BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (OLD.stripe_payment_intent_id), (NEW.stripe_payment_intent_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_unattributed_insert AFTER INSERT ON unattributed_objects WHEN EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (NEW.object_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_unattributed_delete AFTER DELETE ON unattributed_objects WHEN EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (OLD.object_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_unattributed_update AFTER UPDATE OF object_id ON unattributed_objects WHEN EXISTS (SELECT 1 FROM recon_payment_proof) AND OLD.object_id IS NOT NEW.object_id BEGIN
  INSERT INTO recon_payment_unproven (key) VALUES (OLD.object_id), (NEW.object_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_charge_insert BEFORE INSERT ON recon_stripe_objects WHEN NEW.kind = 'charge' AND EXISTS (SELECT 1 FROM recon_payment_proof) AND NOT EXISTS (SELECT 1 FROM recon_stripe_objects o WHERE o.kind = 'charge' AND o.id = NEW.id AND o.created IS NEW.created AND o.amount IS NEW.amount AND o.status IS NEW.status AND o.payment_intent IS NEW.payment_intent AND o.amount_refunded IS NEW.amount_refunded) BEGIN
  INSERT INTO recon_payment_unproven (key) SELECT NEW.payment_intent WHERE NEW.payment_intent IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO recon_payment_unproven (key) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  INSERT INTO recon_payment_unproven (key) SELECT payment_intent FROM recon_stripe_objects WHERE kind = 'charge' AND id = NEW.id AND payment_intent IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_charge_delete AFTER DELETE ON recon_stripe_objects WHEN OLD.kind = 'charge' AND EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) SELECT OLD.payment_intent WHERE OLD.payment_intent IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO recon_payment_unproven (key) VALUES (OLD.id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER recon_payment_unproven_charge_update AFTER UPDATE ON recon_stripe_objects WHEN (OLD.kind = 'charge' OR NEW.kind = 'charge') AND EXISTS (SELECT 1 FROM recon_payment_proof) BEGIN
  INSERT INTO recon_payment_unproven (key) SELECT k FROM (SELECT OLD.payment_intent AS k UNION SELECT OLD.id UNION SELECT NEW.payment_intent UNION SELECT NEW.id) WHERE k IS NOT NULL ON CONFLICT DO NOTHING;
END;
