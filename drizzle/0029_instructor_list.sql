CREATE TABLE `instructor_list` (
	`instructor_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`stripe_account_id` text,
	`flag` text,
	`earned_pence` integer NOT NULL,
	`paid_pence` integer NOT NULL,
	`clawed_pence` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `instructor_list_name_idx` ON `instructor_list` ("name" COLLATE NOCASE,`instructor_id`);--> statement-breakpoint
CREATE INDEX `instructor_list_owed_idx` ON `instructor_list` (("earned_pence" - "paid_pence" - "clawed_pence"),"name" COLLATE NOCASE,`instructor_id`);--> statement-breakpoint
CREATE INDEX `instructor_list_earned_idx` ON `instructor_list` (`earned_pence`,"name" COLLATE NOCASE,`instructor_id`);
--> statement-breakpoint
-- The list as the tables stand (the triggers below keep it from here on, whoever writes): each instructor's name,
-- email, Connect account and why they cannot be paid; earned = earnings not cancelled; paid = the lines on their
-- payable of the transfers and reversals that name them; clawed = clawbacks counted against earnings (not waived, not
-- a reversal still on its way): the payout preview's sums over all time (src/main/payouts/owed.ts).
INSERT INTO instructor_list (instructor_id, name, email, stripe_account_id, flag, earned_pence, paid_pence, clawed_pence)
  SELECT i.id, u.name, u.email, sca.stripe_account_id,
    CASE WHEN sca.id IS NULL THEN 'no_account' WHEN sca.status IN ('restricted', 'rejected') THEN 'restricted' WHEN sca.payouts_enabled = 0 THEN 'payouts_disabled' END,
    COALESCE((SELECT SUM(e.amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0),
    COALESCE((SELECT SUM(l.amount_pence) FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id WHERE t.instructor_id = i.id AND t.kind IN ('transfer', 'reversal') AND l.account = 'instructor_payable:' || i.id), 0),
    COALESCE((SELECT SUM(c.amount_pence) FROM clawbacks c WHERE c.instructor_id = i.id AND c.status <> 'waived' AND NOT (c.status = 'outstanding' AND c.method = 'reversal')), 0)
  FROM instructors i JOIN users u ON u.id = i.user_id LEFT JOIN stripe_connect_accounts sca ON sca.instructor_id = i.id;
--> statement-breakpoint
-- An instructor's row comes and goes with them, made as the backfill makes it.
CREATE TRIGGER instructor_list_instructor_insert AFTER INSERT ON instructors BEGIN
  INSERT INTO instructor_list (instructor_id, name, email, stripe_account_id, flag, earned_pence, paid_pence, clawed_pence) SELECT i.id, u.name, u.email, sca.stripe_account_id,
    CASE WHEN sca.id IS NULL THEN 'no_account' WHEN sca.status IN ('restricted', 'rejected') THEN 'restricted' WHEN sca.payouts_enabled = 0 THEN 'payouts_disabled' END,
    COALESCE((SELECT SUM(e.amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0),
    COALESCE((SELECT SUM(l.amount_pence) FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id WHERE t.instructor_id = i.id AND t.kind IN ('transfer', 'reversal') AND l.account = 'instructor_payable:' || i.id), 0),
    COALESCE((SELECT SUM(c.amount_pence) FROM clawbacks c WHERE c.instructor_id = i.id AND c.status <> 'waived' AND NOT (c.status = 'outstanding' AND c.method = 'reversal')), 0)
  FROM instructors i JOIN users u ON u.id = i.user_id LEFT JOIN stripe_connect_accounts sca ON sca.instructor_id = i.id WHERE i.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_instructor_delete AFTER DELETE ON instructors BEGIN
  DELETE FROM instructor_list WHERE instructor_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_instructor_update AFTER UPDATE OF id, user_id ON instructors WHEN OLD.id IS NOT NEW.id OR OLD.user_id IS NOT NEW.user_id BEGIN
  DELETE FROM instructor_list WHERE instructor_id = OLD.id;
  INSERT INTO instructor_list (instructor_id, name, email, stripe_account_id, flag, earned_pence, paid_pence, clawed_pence) SELECT i.id, u.name, u.email, sca.stripe_account_id,
    CASE WHEN sca.id IS NULL THEN 'no_account' WHEN sca.status IN ('restricted', 'rejected') THEN 'restricted' WHEN sca.payouts_enabled = 0 THEN 'payouts_disabled' END,
    COALESCE((SELECT SUM(e.amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0),
    COALESCE((SELECT SUM(l.amount_pence) FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id WHERE t.instructor_id = i.id AND t.kind IN ('transfer', 'reversal') AND l.account = 'instructor_payable:' || i.id), 0),
    COALESCE((SELECT SUM(c.amount_pence) FROM clawbacks c WHERE c.instructor_id = i.id AND c.status <> 'waived' AND NOT (c.status = 'outstanding' AND c.method = 'reversal')), 0)
  FROM instructors i JOIN users u ON u.id = i.user_id LEFT JOIN stripe_connect_accounts sca ON sca.instructor_id = i.id WHERE i.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_user_update AFTER UPDATE OF name, email ON users WHEN OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email BEGIN
  UPDATE instructor_list SET name = NEW.name, email = NEW.email WHERE instructor_id IN (SELECT i.id FROM instructors i WHERE i.user_id = NEW.id);
END;
--> statement-breakpoint
-- The Connect account and the flag, read again whenever the instructor's account row changes.
CREATE TRIGGER instructor_list_account_insert AFTER INSERT ON stripe_connect_accounts BEGIN
  UPDATE instructor_list SET stripe_account_id = (SELECT s.stripe_account_id FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), flag = NULLIF(COALESCE((SELECT CASE WHEN s.status IN ('restricted', 'rejected') THEN 'restricted' WHEN s.payouts_enabled = 0 THEN 'payouts_disabled' ELSE '' END FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), 'no_account'), '') WHERE instructor_id IN (NEW.instructor_id);
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_account_delete AFTER DELETE ON stripe_connect_accounts BEGIN
  UPDATE instructor_list SET stripe_account_id = (SELECT s.stripe_account_id FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), flag = NULLIF(COALESCE((SELECT CASE WHEN s.status IN ('restricted', 'rejected') THEN 'restricted' WHEN s.payouts_enabled = 0 THEN 'payouts_disabled' ELSE '' END FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), 'no_account'), '') WHERE instructor_id IN (OLD.instructor_id);
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_account_update AFTER UPDATE OF instructor_id, stripe_account_id, status, payouts_enabled ON stripe_connect_accounts BEGIN
  UPDATE instructor_list SET stripe_account_id = (SELECT s.stripe_account_id FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), flag = NULLIF(COALESCE((SELECT CASE WHEN s.status IN ('restricted', 'rejected') THEN 'restricted' WHEN s.payouts_enabled = 0 THEN 'payouts_disabled' ELSE '' END FROM stripe_connect_accounts s WHERE s.instructor_id = instructor_list.instructor_id), 'no_account'), '') WHERE instructor_id IN (OLD.instructor_id, NEW.instructor_id);
END;
--> statement-breakpoint
-- An earning counts while it is not cancelled: added when it starts counting, taken away when it stops or goes.
CREATE TRIGGER instructor_list_earning_insert AFTER INSERT ON earnings WHEN NEW.status <> 'cancelled' BEGIN
  UPDATE instructor_list SET earned_pence = earned_pence + NEW.amount_pence WHERE instructor_id = NEW.instructor_id AND NEW.status <> 'cancelled';
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_earning_delete AFTER DELETE ON earnings WHEN OLD.status <> 'cancelled' BEGIN
  UPDATE instructor_list SET earned_pence = earned_pence - OLD.amount_pence WHERE instructor_id = OLD.instructor_id AND OLD.status <> 'cancelled';
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_earning_update AFTER UPDATE OF instructor_id, amount_pence, status ON earnings WHEN OLD.instructor_id IS NOT NEW.instructor_id OR OLD.amount_pence IS NOT NEW.amount_pence OR (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled') BEGIN
  UPDATE instructor_list SET earned_pence = earned_pence - OLD.amount_pence WHERE instructor_id = OLD.instructor_id AND OLD.status <> 'cancelled';
  UPDATE instructor_list SET earned_pence = earned_pence + NEW.amount_pence WHERE instructor_id = NEW.instructor_id AND NEW.status <> 'cancelled';
END;
--> statement-breakpoint
-- A line counts as paid when it is on the payable (`instructor_payable:` is 19 characters) of the instructor its
-- transfer or reversal names. A line deleted with its transaction finds no transaction: the trigger before the
-- transaction's delete took its lines off.
CREATE TRIGGER instructor_list_line_insert AFTER INSERT ON journal_lines WHEN NEW.account GLOB 'instructor_payable:*' BEGIN
  UPDATE instructor_list SET paid_pence = paid_pence + NEW.amount_pence WHERE instructor_id = substr(NEW.account, 20) AND NEW.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = NEW.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(NEW.account, 20));
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_line_delete AFTER DELETE ON journal_lines WHEN OLD.account GLOB 'instructor_payable:*' BEGIN
  UPDATE instructor_list SET paid_pence = paid_pence - OLD.amount_pence WHERE instructor_id = substr(OLD.account, 20) AND OLD.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = OLD.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(OLD.account, 20));
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_line_update AFTER UPDATE OF transaction_id, account, amount_pence ON journal_lines WHEN OLD.account GLOB 'instructor_payable:*' OR NEW.account GLOB 'instructor_payable:*' BEGIN
  UPDATE instructor_list SET paid_pence = paid_pence - OLD.amount_pence WHERE instructor_id = substr(OLD.account, 20) AND OLD.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = OLD.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(OLD.account, 20));
  UPDATE instructor_list SET paid_pence = paid_pence + NEW.amount_pence WHERE instructor_id = substr(NEW.account, 20) AND NEW.account GLOB 'instructor_payable:*' AND EXISTS (SELECT 1 FROM journal_transactions t WHERE t.id = NEW.transaction_id AND t.kind IN ('transfer', 'reversal') AND t.instructor_id = substr(NEW.account, 20));
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_tx_delete BEFORE DELETE ON journal_transactions WHEN OLD.kind IN ('transfer', 'reversal') AND OLD.instructor_id IS NOT NULL BEGIN
  UPDATE instructor_list SET paid_pence = paid_pence - (SELECT COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id) WHERE instructor_id = OLD.instructor_id AND OLD.kind IN ('transfer', 'reversal');
END;
--> statement-breakpoint
-- A transaction re-kinded or re-pointed moves its payable lines: off as it was, on as it is.
CREATE TRIGGER instructor_list_tx_update AFTER UPDATE OF kind, instructor_id ON journal_transactions WHEN OLD.kind IS NOT NEW.kind OR OLD.instructor_id IS NOT NEW.instructor_id BEGIN
  UPDATE instructor_list SET paid_pence = paid_pence - (SELECT COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE l.transaction_id = OLD.id AND l.account = 'instructor_payable:' || OLD.instructor_id) WHERE instructor_id = OLD.instructor_id AND OLD.kind IN ('transfer', 'reversal');
  UPDATE instructor_list SET paid_pence = paid_pence + (SELECT COALESCE(SUM(l.amount_pence), 0) FROM journal_lines l WHERE l.transaction_id = NEW.id AND l.account = 'instructor_payable:' || NEW.instructor_id) WHERE instructor_id = NEW.instructor_id AND NEW.kind IN ('transfer', 'reversal');
END;
--> statement-breakpoint
-- A clawback counts unless waived or a reversal still on its way (owed.ts's COUNTED_CLAWBACK); none is ever deleted.
CREATE TRIGGER instructor_list_clawback_insert AFTER INSERT ON clawbacks BEGIN
  UPDATE instructor_list SET clawed_pence = clawed_pence + NEW.amount_pence WHERE instructor_id = NEW.instructor_id AND NEW.status <> 'waived' AND NOT (NEW.status = 'outstanding' AND NEW.method = 'reversal');
END;
--> statement-breakpoint
CREATE TRIGGER instructor_list_clawback_update AFTER UPDATE OF instructor_id, amount_pence, status, method ON clawbacks WHEN OLD.instructor_id IS NOT NEW.instructor_id OR OLD.amount_pence IS NOT NEW.amount_pence OR (OLD.status <> 'waived' AND NOT (OLD.status = 'outstanding' AND OLD.method = 'reversal')) IS NOT (NEW.status <> 'waived' AND NOT (NEW.status = 'outstanding' AND NEW.method = 'reversal')) BEGIN
  UPDATE instructor_list SET clawed_pence = clawed_pence - OLD.amount_pence WHERE instructor_id = OLD.instructor_id AND OLD.status <> 'waived' AND NOT (OLD.status = 'outstanding' AND OLD.method = 'reversal');
  UPDATE instructor_list SET clawed_pence = clawed_pence + NEW.amount_pence WHERE instructor_id = NEW.instructor_id AND NEW.status <> 'waived' AND NOT (NEW.status = 'outstanding' AND NEW.method = 'reversal');
END;
