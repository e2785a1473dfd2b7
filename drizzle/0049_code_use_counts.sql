-- Each code's uses (payments that used it and were charged, DOMAIN.md §3) kept by triggers on payments, so a
-- codeuses root reads one row instead of counting its code's payments (src/main/db/schema/codes.ts). The statuses
-- are USED_STATUSES of src/main/codes/projectors/code-uses.ts. A count reaching 0 is deleted: no row means no uses.
-- Each trigger fires only for a payment that holds (or held) a code.
CREATE TABLE `code_use_counts` (
	`kind` text NOT NULL,
	`code_id` text NOT NULL,
	`uses` integer NOT NULL,
	PRIMARY KEY(`kind`, `code_id`),
	CONSTRAINT "code_use_counts_kind_check" CHECK("code_use_counts"."kind" IN ('discount', 'referral'))
);--> statement-breakpoint
INSERT INTO `code_use_counts` (`kind`, `code_id`, `uses`)
  SELECT 'discount', discount_code_id, count(*) FROM payments
  WHERE discount_code_id IS NOT NULL AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') GROUP BY discount_code_id
  UNION ALL
  SELECT 'referral', referral_code_id, count(*) FROM payments
  WHERE referral_code_id IS NOT NULL AND status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') GROUP BY referral_code_id;--> statement-breakpoint
CREATE TRIGGER code_use_counts_insert AFTER INSERT ON payments
WHEN NEW.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND (NEW.discount_code_id IS NOT NULL OR NEW.referral_code_id IS NOT NULL) BEGIN
  INSERT INTO code_use_counts (kind, code_id, uses) SELECT 'discount', NEW.discount_code_id, 1
    WHERE NEW.discount_code_id IS NOT NULL ON CONFLICT (kind, code_id) DO UPDATE SET uses = uses + 1;
  INSERT INTO code_use_counts (kind, code_id, uses) SELECT 'referral', NEW.referral_code_id, 1
    WHERE NEW.referral_code_id IS NOT NULL ON CONFLICT (kind, code_id) DO UPDATE SET uses = uses + 1;
END;--> statement-breakpoint
CREATE TRIGGER code_use_counts_delete AFTER DELETE ON payments
WHEN OLD.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND (OLD.discount_code_id IS NOT NULL OR OLD.referral_code_id IS NOT NULL) BEGIN
  UPDATE code_use_counts SET uses = uses - 1 WHERE kind = 'discount' AND code_id = OLD.discount_code_id;
  UPDATE code_use_counts SET uses = uses - 1 WHERE kind = 'referral' AND code_id = OLD.referral_code_id;
  DELETE FROM code_use_counts WHERE uses = 0
    AND ((kind = 'discount' AND code_id = OLD.discount_code_id) OR (kind = 'referral' AND code_id = OLD.referral_code_id));
END;--> statement-breakpoint
CREATE TRIGGER code_use_counts_update AFTER UPDATE OF status, discount_code_id, referral_code_id ON payments
WHEN (OLD.discount_code_id IS NOT NULL OR OLD.referral_code_id IS NOT NULL
    OR NEW.discount_code_id IS NOT NULL OR NEW.referral_code_id IS NOT NULL)
  AND (OLD.status IS NOT NEW.status OR OLD.discount_code_id IS NOT NEW.discount_code_id
    OR OLD.referral_code_id IS NOT NEW.referral_code_id) BEGIN
  UPDATE code_use_counts SET uses = uses - 1
    WHERE OLD.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND kind = 'discount' AND code_id = OLD.discount_code_id;
  UPDATE code_use_counts SET uses = uses - 1
    WHERE OLD.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND kind = 'referral' AND code_id = OLD.referral_code_id;
  DELETE FROM code_use_counts WHERE uses = 0
    AND ((kind = 'discount' AND code_id = OLD.discount_code_id) OR (kind = 'referral' AND code_id = OLD.referral_code_id));
  INSERT INTO code_use_counts (kind, code_id, uses) SELECT 'discount', NEW.discount_code_id, 1
    WHERE NEW.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND NEW.discount_code_id IS NOT NULL
    ON CONFLICT (kind, code_id) DO UPDATE SET uses = uses + 1;
  INSERT INTO code_use_counts (kind, code_id, uses) SELECT 'referral', NEW.referral_code_id, 1
    WHERE NEW.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND NEW.referral_code_id IS NOT NULL
    ON CONFLICT (kind, code_id) DO UPDATE SET uses = uses + 1;
END;
