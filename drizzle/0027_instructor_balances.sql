CREATE TABLE `instructor_balances` (
	`instructor_id` text PRIMARY KEY NOT NULL,
	`earned_pence` integer NOT NULL,
	`earnings` integer NOT NULL,
	`paid_pence` integer NOT NULL,
	`transfer_lines` integer NOT NULL
);
--> statement-breakpoint
-- Every instructor's earned and paid as earnings and the journal stand (the triggers below keep them from here on,
-- whoever writes): earnings not cancelled, and the lines on their payable of transfers and reversals naming them.
INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines)
  SELECT instructor_id, SUM(earned), SUM(earnings), SUM(paid), SUM(lines) FROM (
    SELECT instructor_id, amount_pence AS earned, 1 AS earnings, 0 AS paid, 0 AS lines
    FROM earnings WHERE status <> 'cancelled'
    UNION ALL
    SELECT t.instructor_id, 0, 0, l.amount_pence, 1
    FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
    WHERE t.kind IN ('transfer', 'reversal') AND t.instructor_id IS NOT NULL
      AND l.account = 'instructor_payable:' || t.instructor_id)
  GROUP BY instructor_id;
--> statement-breakpoint
-- An earning counts while it is not cancelled: added when it starts counting, taken away when it stops or goes.
CREATE TRIGGER instructor_balances_earning_insert AFTER INSERT ON earnings WHEN NEW.status <> 'cancelled' BEGIN
  INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines) VALUES (NEW.instructor_id, NEW.amount_pence, 1, 0, 0) ON CONFLICT (instructor_id) DO UPDATE SET earned_pence = earned_pence + excluded.earned_pence, earnings = earnings + 1;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_balances_earning_delete AFTER DELETE ON earnings WHEN OLD.status <> 'cancelled' BEGIN
  UPDATE instructor_balances SET earned_pence = earned_pence - OLD.amount_pence, earnings = earnings - 1 WHERE instructor_id = OLD.instructor_id;
  DELETE FROM instructor_balances WHERE instructor_id = OLD.instructor_id AND earnings = 0 AND transfer_lines = 0;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_balances_earning_update AFTER UPDATE OF instructor_id, amount_pence, status ON earnings WHEN OLD.instructor_id IS NOT NEW.instructor_id OR OLD.amount_pence IS NOT NEW.amount_pence OR (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled') BEGIN
  UPDATE instructor_balances SET earned_pence = earned_pence - OLD.amount_pence, earnings = earnings - 1 WHERE instructor_id = OLD.instructor_id AND OLD.status <> 'cancelled';
  INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines) SELECT NEW.instructor_id, NEW.amount_pence, 1, 0, 0 WHERE NEW.status <> 'cancelled' ON CONFLICT (instructor_id) DO UPDATE SET earned_pence = earned_pence + excluded.earned_pence, earnings = earnings + 1;
  DELETE FROM instructor_balances WHERE instructor_id = OLD.instructor_id AND earnings = 0 AND transfer_lines = 0;
END;
--> statement-breakpoint
-- A line counts as paid when it is on the payable (`instructor_payable:` is 19 characters) of the instructor its
-- transfer or reversal names. A line deleted with its transaction finds no transaction: the one below took it off.
CREATE TRIGGER instructor_balances_line_insert AFTER INSERT ON journal_lines WHEN NEW.account GLOB 'instructor_payable:*' BEGIN
  INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines) SELECT substr(NEW.account, 20), 0, 0, NEW.amount_pence, 1 WHERE NEW.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = NEW.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(NEW.account, 20)) ON CONFLICT (instructor_id) DO UPDATE SET paid_pence = paid_pence + excluded.paid_pence, transfer_lines = transfer_lines + 1;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_balances_line_delete AFTER DELETE ON journal_lines WHEN OLD.account GLOB 'instructor_payable:*' BEGIN
  UPDATE instructor_balances SET paid_pence = paid_pence - OLD.amount_pence, transfer_lines = transfer_lines - 1 WHERE instructor_id = substr(OLD.account, 20) AND OLD.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = OLD.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(OLD.account, 20));
  DELETE FROM instructor_balances WHERE instructor_id = substr(OLD.account, 20) AND earnings = 0 AND transfer_lines = 0;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_balances_line_update AFTER UPDATE OF transaction_id, account, amount_pence ON journal_lines WHEN (OLD.account GLOB 'instructor_payable:*' OR NEW.account GLOB 'instructor_payable:*') AND (OLD.transaction_id IS NOT NEW.transaction_id OR OLD.account IS NOT NEW.account OR OLD.amount_pence IS NOT NEW.amount_pence) BEGIN
  UPDATE instructor_balances SET paid_pence = paid_pence - OLD.amount_pence, transfer_lines = transfer_lines - 1 WHERE instructor_id = substr(OLD.account, 20) AND OLD.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = OLD.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(OLD.account, 20));
  INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines) SELECT substr(NEW.account, 20), 0, 0, NEW.amount_pence, 1 WHERE NEW.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = NEW.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(NEW.account, 20)) ON CONFLICT (instructor_id) DO UPDATE SET paid_pence = paid_pence + excluded.paid_pence, transfer_lines = transfer_lines + 1;
  DELETE FROM instructor_balances WHERE instructor_id = substr(OLD.account, 20) AND earnings = 0 AND transfer_lines = 0;
END;
--> statement-breakpoint
-- Before a transfer or reversal goes, its lines on the payable come off (they are deleted with it, after it).
CREATE TRIGGER instructor_balances_tx_delete BEFORE DELETE ON journal_transactions WHEN OLD.kind IN ('transfer', 'reversal') AND OLD.instructor_id IS NOT NULL BEGIN
  UPDATE instructor_balances SET paid_pence = paid_pence - (SELECT COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id), transfer_lines = transfer_lines - (SELECT count(*) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id) WHERE instructor_id = OLD.instructor_id;
  DELETE FROM instructor_balances WHERE instructor_id = OLD.instructor_id AND earnings = 0 AND transfer_lines = 0;
END;
--> statement-breakpoint
-- A transaction re-kinded or re-pointed moves its payable lines: off as it was, on as it is.
CREATE TRIGGER instructor_balances_tx_update AFTER UPDATE OF kind, instructor_id ON journal_transactions WHEN OLD.kind IS NOT NEW.kind OR OLD.instructor_id IS NOT NEW.instructor_id BEGIN
  UPDATE instructor_balances SET paid_pence = paid_pence - (SELECT COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id), transfer_lines = transfer_lines - (SELECT count(*) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id) WHERE instructor_id = OLD.instructor_id AND OLD.kind IN ('transfer', 'reversal');
  INSERT INTO instructor_balances (instructor_id, earned_pence, earnings, paid_pence, transfer_lines) SELECT NEW.instructor_id, 0, 0, SUM(l.amount_pence), count(*) FROM journal_lines l WHERE l.transaction_id = NEW.id AND l.account = 'instructor_payable:' || NEW.instructor_id AND NEW.kind IN ('transfer', 'reversal') HAVING count(*) > 0 ON CONFLICT (instructor_id) DO UPDATE SET paid_pence = paid_pence + excluded.paid_pence, transfer_lines = transfer_lines + excluded.transfer_lines;
  DELETE FROM instructor_balances WHERE instructor_id = OLD.instructor_id AND earnings = 0 AND transfer_lines = 0;
END;
