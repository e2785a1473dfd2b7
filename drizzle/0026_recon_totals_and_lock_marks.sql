CREATE TABLE `instructor_transfer_totals` (
	`bucket` text NOT NULL,
	`instructor_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`transactions` integer NOT NULL,
	PRIMARY KEY(`bucket`, `instructor_id`)
);
--> statement-breakpoint
CREATE TABLE `recon_change_marks` (
	`hour` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recon_change_marks_seq_idx` ON `recon_change_marks` (`seq`);--> statement-breakpoint
CREATE TABLE `reconciliation_lock_days` (
	`lock_id` text NOT NULL,
	`day` text NOT NULL,
	`digest` text NOT NULL,
	`entities` text NOT NULL,
	PRIMARY KEY(`lock_id`, `day`),
	FOREIGN KEY (`lock_id`) REFERENCES `reconciliation_locks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reconciliation_locks` ADD `mark_seq` integer;--> statement-breakpoint
-- Instructor transfer totals for the journal as it stands (the journal's writer keeps them from here on): per
-- transfer or reversal with a line on the platform's Stripe balance, the pence that left it, by London day and month
-- (the London date of an instant in SQL, as in 0025_payment_day_totals).
INSERT INTO instructor_transfer_totals (bucket, instructor_id, amount_pence, transactions)
  SELECT CASE m.month WHEN 1 THEN substr(x.day, 1, 7) ELSE x.day END, x.instructor_id, SUM(x.amount), count(*)
  FROM (SELECT CASE WHEN datetime(t.occurred_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', t.occurred_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', t.occurred_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(t.occurred_at / 1000, 'unixepoch', '+1 hour') ELSE date(t.occurred_at / 1000, 'unixepoch') END AS day, t.instructor_id, -SUM(l.amount_pence) AS amount
        FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id AND l.account = 'stripe_balance'
        WHERE t.kind IN ('transfer', 'reversal') AND t.instructor_id IS NOT NULL GROUP BY t.id) x,
       (SELECT 0 AS month UNION ALL SELECT 1) m
  GROUP BY 1, 2;
--> statement-breakpoint
-- Change marks for the lock flag: any change to an hour's money rows (a journal transaction by its occurred_at, its
-- lines, a payment or a payout by created_at) sets that hour's seq above every other. An update marks only when a
-- column the lock fingerprints really changed, so a projector writing a row as it was marks nothing.
CREATE TRIGGER recon_marks_tx_insert AFTER INSERT ON journal_transactions BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_tx_delete AFTER DELETE ON journal_transactions BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_tx_update AFTER UPDATE OF id, kind, occurred_at ON journal_transactions WHEN OLD.id IS NOT NEW.id OR OLD.kind IS NOT NEW.kind OR OLD.occurred_at IS NOT NEW.occurred_at BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_line_insert AFTER INSERT ON journal_lines BEGIN
  INSERT INTO recon_change_marks (hour, seq) SELECT t.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)
    FROM journal_transactions t WHERE t.id = NEW.transaction_id ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_line_delete AFTER DELETE ON journal_lines BEGIN
  INSERT INTO recon_change_marks (hour, seq) SELECT t.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)
    FROM journal_transactions t WHERE t.id = OLD.transaction_id ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_line_update AFTER UPDATE OF transaction_id, account, amount_pence ON journal_lines WHEN OLD.transaction_id IS NOT NEW.transaction_id OR OLD.account IS NOT NEW.account OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  INSERT INTO recon_change_marks (hour, seq) SELECT t.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)
    FROM journal_transactions t WHERE t.id = OLD.transaction_id ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
  INSERT INTO recon_change_marks (hour, seq) SELECT t.occurred_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)
    FROM journal_transactions t WHERE t.id = NEW.transaction_id ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payment_insert AFTER INSERT ON payments BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payment_delete AFTER DELETE ON payments BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payment_update AFTER UPDATE OF id, created_at, total_amount_pence, platform_fee_pence, instructor_amount_pence, discount_pence, status, amount_refunded_pence ON payments WHEN OLD.id IS NOT NEW.id OR OLD.created_at IS NOT NEW.created_at OR OLD.total_amount_pence IS NOT NEW.total_amount_pence OR OLD.platform_fee_pence IS NOT NEW.platform_fee_pence OR OLD.instructor_amount_pence IS NOT NEW.instructor_amount_pence OR OLD.discount_pence IS NOT NEW.discount_pence OR OLD.status IS NOT NEW.status OR OLD.amount_refunded_pence IS NOT NEW.amount_refunded_pence BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payout_insert AFTER INSERT ON payouts BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payout_delete AFTER DELETE ON payouts BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER recon_marks_payout_update AFTER UPDATE OF id, created_at, stripe_transfer_id, amount_pence, status, payout_date ON payouts WHEN OLD.id IS NOT NEW.id OR OLD.created_at IS NOT NEW.created_at OR OLD.stripe_transfer_id IS NOT NEW.stripe_transfer_id OR OLD.amount_pence IS NOT NEW.amount_pence OR OLD.status IS NOT NEW.status OR OLD.payout_date IS NOT NEW.payout_date BEGIN
  INSERT INTO recon_change_marks (hour, seq) VALUES (OLD.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
  INSERT INTO recon_change_marks (hour, seq) VALUES (NEW.created_at / 3600000, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recon_change_marks)) ON CONFLICT (hour) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
-- A lock's days are part of the lock: console records, never edited or deleted.
CREATE TRIGGER reconciliation_lock_days_no_update BEFORE UPDATE ON reconciliation_lock_days
BEGIN
  SELECT RAISE(ABORT, 'a lock is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_lock_days_no_delete BEFORE DELETE ON reconciliation_lock_days
BEGIN
  SELECT RAISE(ABORT, 'a lock is never deleted');
END;
