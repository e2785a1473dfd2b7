-- A Stripe write, once committed, is never deleted and never changes what it asks for: its kind, target, parameters
-- and idempotency key are fixed, so a retry can only ever resend the same request under the same key.
CREATE TRIGGER stripe_requests_no_delete BEFORE DELETE ON stripe_requests
BEGIN
  SELECT RAISE(ABORT, 'stripe_requests is append-only: a Stripe write is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER stripe_requests_fixed_intent BEFORE UPDATE OF kind, target, params, idempotency_key, intent_type, intent_id, seq ON stripe_requests
WHEN OLD.kind IS NOT NEW.kind OR OLD.target IS NOT NEW.target OR OLD.params IS NOT NEW.params
  OR OLD.idempotency_key IS NOT NEW.idempotency_key OR OLD.intent_type IS NOT NEW.intent_type
  OR OLD.intent_id IS NOT NEW.intent_id OR OLD.seq IS NOT NEW.seq
BEGIN
  SELECT RAISE(ABORT, 'a Stripe write never changes what it asks for or its idempotency key');
END;
--> statement-breakpoint
CREATE TRIGGER stripe_requests_final BEFORE UPDATE OF state ON stripe_requests
WHEN OLD.state IN ('succeeded', 'failed', 'canceled') AND NEW.state IS NOT OLD.state
BEGIN
  SELECT RAISE(ABORT, 'a Stripe write that succeeded, failed or was cancelled stays so');
END;
