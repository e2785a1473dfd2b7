CREATE TABLE `recon_lock_seen` (
	`lock_id` text NOT NULL,
	`entity` text NOT NULL,
	`state` text,
	PRIMARY KEY(`lock_id`, `entity`),
	FOREIGN KEY (`lock_id`) REFERENCES `reconciliation_locks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reconciliation_locks` ADD `span_start` integer;--> statement-breakpoint
ALTER TABLE `reconciliation_locks` ADD `span_end` integer;--> statement-breakpoint
CREATE INDEX `recon_locks_span_idx` ON `reconciliation_locks` (`span_end`,`span_start`);--> statement-breakpoint
-- What a lock saw (src/main/recon/locks.ts). Each entity's state as a lock compares it, in one place: a journal
-- transaction with its lines, a payment, a payout (each with its instant, so a re-dated row reads as changed).
CREATE VIEW recon_tx_states AS
  SELECT t.id, t.occurred_at AS at, json_array(t.kind, t.occurred_at,
    (SELECT group_concat(l.account || '=' || l.amount_pence, ';' ORDER BY l.account, l.amount_pence)
     FROM journal_lines l WHERE l.transaction_id = t.id)) AS state
  FROM journal_transactions t;
--> statement-breakpoint
CREATE VIEW recon_payment_states AS
  SELECT id, created_at AS at, json_array(created_at, total_amount_pence, platform_fee_pence, instructor_amount_pence,
    discount_pence, status, amount_refunded_pence) AS state
  FROM payments;
--> statement-breakpoint
CREATE VIEW recon_payout_states AS
  SELECT id, created_at AS at, json_array(created_at, stripe_transfer_id, amount_pence, status, payout_date) AS state
  FROM payouts;
--> statement-breakpoint
-- The first time a row of a locked period changes after the lock, what the lock saw of it is kept: BEFORE an
-- update or a delete, its state as it still is; after an insert, or an update that brings it into a locked
-- period (re-dated, a new id), a null state (it was not there). Later changes keep the first row (OR IGNORE).
-- With nothing locked at the row's instant, each costs one probe of recon_locks_span_idx.
CREATE TRIGGER recon_seen_payment_insert AFTER INSERT ON payments BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payment:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.created_at AND l.span_start <= NEW.created_at;
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_payment_update BEFORE UPDATE OF id, created_at, total_amount_pence, platform_fee_pence, instructor_amount_pence, discount_pence, status, amount_refunded_pence ON payments WHEN OLD.id IS NOT NEW.id OR OLD.created_at IS NOT NEW.created_at OR OLD.total_amount_pence IS NOT NEW.total_amount_pence OR OLD.platform_fee_pence IS NOT NEW.platform_fee_pence OR OLD.instructor_amount_pence IS NOT NEW.instructor_amount_pence OR OLD.discount_pence IS NOT NEW.discount_pence OR OLD.status IS NOT NEW.status OR OLD.amount_refunded_pence IS NOT NEW.amount_refunded_pence BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payment:' || OLD.id, (SELECT state FROM recon_payment_states WHERE id = OLD.id) FROM reconciliation_locks l WHERE l.span_end > OLD.created_at AND l.span_start <= OLD.created_at;
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payment:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.created_at AND l.span_start <= NEW.created_at AND (NEW.created_at IS NOT OLD.created_at OR NEW.id IS NOT OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_payment_delete BEFORE DELETE ON payments BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payment:' || OLD.id, (SELECT state FROM recon_payment_states WHERE id = OLD.id) FROM reconciliation_locks l WHERE l.span_end > OLD.created_at AND l.span_start <= OLD.created_at;
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_payout_insert AFTER INSERT ON payouts BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payout:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.created_at AND l.span_start <= NEW.created_at;
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_payout_update BEFORE UPDATE OF id, created_at, stripe_transfer_id, amount_pence, status, payout_date ON payouts WHEN OLD.id IS NOT NEW.id OR OLD.created_at IS NOT NEW.created_at OR OLD.stripe_transfer_id IS NOT NEW.stripe_transfer_id OR OLD.amount_pence IS NOT NEW.amount_pence OR OLD.status IS NOT NEW.status OR OLD.payout_date IS NOT NEW.payout_date BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payout:' || OLD.id, (SELECT state FROM recon_payout_states WHERE id = OLD.id) FROM reconciliation_locks l WHERE l.span_end > OLD.created_at AND l.span_start <= OLD.created_at;
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payout:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.created_at AND l.span_start <= NEW.created_at AND (NEW.created_at IS NOT OLD.created_at OR NEW.id IS NOT OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_payout_delete BEFORE DELETE ON payouts BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'payout:' || OLD.id, (SELECT state FROM recon_payout_states WHERE id = OLD.id) FROM reconciliation_locks l WHERE l.span_end > OLD.created_at AND l.span_start <= OLD.created_at;
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_tx_insert AFTER INSERT ON journal_transactions BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.occurred_at AND l.span_start <= NEW.occurred_at;
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_tx_update BEFORE UPDATE OF id, kind, occurred_at ON journal_transactions WHEN OLD.id IS NOT NEW.id OR OLD.kind IS NOT NEW.kind OR OLD.occurred_at IS NOT NEW.occurred_at BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = OLD.id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || NEW.id, NULL FROM reconciliation_locks l WHERE l.span_end > NEW.occurred_at AND l.span_start <= NEW.occurred_at AND (NEW.occurred_at IS NOT OLD.occurred_at OR NEW.id IS NOT OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_tx_delete BEFORE DELETE ON journal_transactions BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = OLD.id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
END;
--> statement-breakpoint
-- A line belongs to its transaction: any change to the lines keeps the transaction as it was, lines and all. A
-- transaction already kept is not read again (a rebuild deletes and writes each of its lines).
CREATE TRIGGER recon_seen_line_insert BEFORE INSERT ON journal_lines BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = NEW.transaction_id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_line_delete BEFORE DELETE ON journal_lines BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = OLD.transaction_id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
END;
--> statement-breakpoint
CREATE TRIGGER recon_seen_line_update BEFORE UPDATE OF transaction_id, account, amount_pence ON journal_lines WHEN OLD.transaction_id IS NOT NEW.transaction_id OR OLD.account IS NOT NEW.account OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = OLD.transaction_id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
  INSERT OR IGNORE INTO recon_lock_seen (lock_id, entity, state)
    SELECT l.id, 'tx:' || s.id, s.state FROM recon_tx_states s
    JOIN reconciliation_locks l ON l.span_end > s.at AND l.span_start <= s.at WHERE s.id = NEW.transaction_id
      AND NOT EXISTS (SELECT 1 FROM recon_lock_seen k WHERE k.lock_id = l.id AND k.entity = 'tx:' || s.id);
END;
