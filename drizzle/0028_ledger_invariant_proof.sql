CREATE TABLE `ledger_proof` (
	`id` integer PRIMARY KEY NOT NULL,
	`mark_seq` integer NOT NULL,
	`dashboard` text NOT NULL,
	`proven_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_unproven` (
	`account` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Which liability accounts the invariants must prove again (src/main/ledger/proof.ts): any change to a liability line
-- of the journal, or to a row the prepaid or payable check reads, notes its account. An update notes only when a
-- column those checks read really changed, so a projector writing a row as it was notes nothing.
CREATE TRIGGER ledger_unproven_line_insert AFTER INSERT ON journal_lines BEGIN
  INSERT INTO ledger_unproven (account) SELECT NEW.account WHERE substr(NEW.account, 1, 16) = 'learner_prepaid:' OR substr(NEW.account, 1, 19) = 'instructor_payable:' ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_line_delete AFTER DELETE ON journal_lines BEGIN
  INSERT INTO ledger_unproven (account) SELECT OLD.account WHERE substr(OLD.account, 1, 16) = 'learner_prepaid:' OR substr(OLD.account, 1, 19) = 'instructor_payable:' ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_line_update AFTER UPDATE OF account, amount_pence ON journal_lines WHEN OLD.account IS NOT NEW.account OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  INSERT INTO ledger_unproven (account) SELECT OLD.account WHERE substr(OLD.account, 1, 16) = 'learner_prepaid:' OR substr(OLD.account, 1, 19) = 'instructor_payable:' ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT NEW.account WHERE substr(NEW.account, 1, 16) = 'learner_prepaid:' OR substr(NEW.account, 1, 19) = 'instructor_payable:' ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payment_insert AFTER INSERT ON payments BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || NEW.learner_id || ':' || NEW.instructor_id WHERE NEW.learner_id IS NOT NULL AND NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payment_delete AFTER DELETE ON payments BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || OLD.learner_id || ':' || OLD.instructor_id WHERE OLD.learner_id IS NOT NULL AND OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payment_update AFTER UPDATE OF learner_id, instructor_id, status, total_amount_pence, discount_pence, instructor_amount_pence, hours ON payments WHEN OLD.learner_id IS NOT NEW.learner_id OR OLD.instructor_id IS NOT NEW.instructor_id OR OLD.status IS NOT NEW.status OR OLD.total_amount_pence IS NOT NEW.total_amount_pence OR OLD.discount_pence IS NOT NEW.discount_pence OR OLD.instructor_amount_pence IS NOT NEW.instructor_amount_pence OR OLD.hours IS NOT NEW.hours BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || OLD.learner_id || ':' || OLD.instructor_id WHERE OLD.learner_id IS NOT NULL AND OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || NEW.learner_id || ':' || NEW.instructor_id WHERE NEW.learner_id IS NOT NULL AND NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_refund_insert AFTER INSERT ON refunds BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = NEW.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_refund_delete AFTER DELETE ON refunds BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = OLD.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_refund_update AFTER UPDATE OF payment_id, status, hours, used_hours ON refunds WHEN OLD.payment_id IS NOT NEW.payment_id OR OLD.status IS NOT NEW.status OR OLD.hours IS NOT NEW.hours OR OLD.used_hours IS NOT NEW.used_hours BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = OLD.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = NEW.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_earning_insert AFTER INSERT ON earnings BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = NEW.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_earning_delete AFTER DELETE ON earnings BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = OLD.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_earning_update AFTER UPDATE OF payment_id, instructor_id, hours_from, hours_to, amount_pence, status ON earnings WHEN OLD.payment_id IS NOT NEW.payment_id OR OLD.instructor_id IS NOT NEW.instructor_id OR OLD.hours_from IS NOT NEW.hours_from OR OLD.hours_to IS NOT NEW.hours_to OR OLD.amount_pence IS NOT NEW.amount_pence OR OLD.status IS NOT NEW.status BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = OLD.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'learner_prepaid:' || p.learner_id || ':' || p.instructor_id FROM payments p
    WHERE p.id = NEW.payment_id AND p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payout_insert AFTER INSERT ON payouts BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payout_delete AFTER DELETE ON payouts BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_payout_update AFTER UPDATE OF instructor_id, status, amount_pence ON payouts WHEN OLD.instructor_id IS NOT NEW.instructor_id OR OLD.status IS NOT NEW.status OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_clawback_insert AFTER INSERT ON clawbacks BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_clawback_delete AFTER DELETE ON clawbacks BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_clawback_update AFTER UPDATE OF instructor_id, status, amount_pence ON clawbacks WHEN OLD.instructor_id IS NOT NEW.instructor_id OR OLD.status IS NOT NEW.status OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || OLD.instructor_id WHERE OLD.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO ledger_unproven (account) SELECT 'instructor_payable:' || NEW.instructor_id WHERE NEW.instructor_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_instructor_insert AFTER INSERT ON instructors BEGIN
  INSERT INTO ledger_unproven (account) VALUES ('instructor_payable:' || NEW.id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_unproven_instructor_update AFTER UPDATE OF id ON instructors WHEN OLD.id IS NOT NEW.id BEGIN
  INSERT INTO ledger_unproven (account) VALUES ('instructor_payable:' || NEW.id) ON CONFLICT DO NOTHING;
END;
