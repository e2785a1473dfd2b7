-- The Credits page's totals line kept per state by triggers on learner_credits (src/main/db/schema/money.ts).
CREATE TABLE `credit_totals` (
	`state` text PRIMARY KEY NOT NULL,
	`pairs` integer NOT NULL,
	`hours_purchased` integer NOT NULL,
	`hours_used` integer NOT NULL,
	`hours_refunded` integer NOT NULL,
	`liability_pence` integer NOT NULL,
	CONSTRAINT "credit_totals_state_check" CHECK("credit_totals"."state" IN ('remaining', 'used_up'))
);--> statement-breakpoint
-- Two rows, never deleted: the triggers below only add to them and take from them.
INSERT INTO `credit_totals` (`state`, `pairs`, `hours_purchased`, `hours_used`, `hours_refunded`, `liability_pence`)
  SELECT s.state, count(c.id), ifnull(SUM(c.hours_purchased), 0), ifnull(SUM(c.hours_used), 0),
         ifnull(SUM(c.hours_refunded), 0), ifnull(SUM(c.liability_pence), 0)
  FROM (SELECT 'remaining' AS state UNION ALL SELECT 'used_up') s
  LEFT JOIN `learner_credits` c
    ON s.state = CASE WHEN c.hours_purchased > c.hours_used + c.hours_refunded THEN 'remaining' ELSE 'used_up' END
  GROUP BY s.state;--> statement-breakpoint
CREATE TRIGGER `credit_totals_insert` AFTER INSERT ON `learner_credits`
BEGIN
  UPDATE `credit_totals` SET `pairs` = `pairs` + 1, `hours_purchased` = `hours_purchased` + new.hours_purchased,
    `hours_used` = `hours_used` + new.hours_used, `hours_refunded` = `hours_refunded` + new.hours_refunded,
    `liability_pence` = `liability_pence` + new.liability_pence
  WHERE `state` = CASE WHEN new.hours_purchased > new.hours_used + new.hours_refunded THEN 'remaining' ELSE 'used_up' END;
END;--> statement-breakpoint
CREATE TRIGGER `credit_totals_delete` AFTER DELETE ON `learner_credits`
BEGIN
  UPDATE `credit_totals` SET `pairs` = `pairs` - 1, `hours_purchased` = `hours_purchased` - old.hours_purchased,
    `hours_used` = `hours_used` - old.hours_used, `hours_refunded` = `hours_refunded` - old.hours_refunded,
    `liability_pence` = `liability_pence` - old.liability_pence
  WHERE `state` = CASE WHEN old.hours_purchased > old.hours_used + old.hours_refunded THEN 'remaining' ELSE 'used_up' END;
END;--> statement-breakpoint
CREATE TRIGGER `credit_totals_update` AFTER UPDATE OF hours_purchased, hours_used, hours_refunded, liability_pence ON `learner_credits`
BEGIN
  UPDATE `credit_totals` SET `pairs` = `pairs` - 1, `hours_purchased` = `hours_purchased` - old.hours_purchased,
    `hours_used` = `hours_used` - old.hours_used, `hours_refunded` = `hours_refunded` - old.hours_refunded,
    `liability_pence` = `liability_pence` - old.liability_pence
  WHERE `state` = CASE WHEN old.hours_purchased > old.hours_used + old.hours_refunded THEN 'remaining' ELSE 'used_up' END;
  UPDATE `credit_totals` SET `pairs` = `pairs` + 1, `hours_purchased` = `hours_purchased` + new.hours_purchased,
    `hours_used` = `hours_used` + new.hours_used, `hours_refunded` = `hours_refunded` + new.hours_refunded,
    `liability_pence` = `liability_pence` + new.liability_pence
  WHERE `state` = CASE WHEN new.hours_purchased > new.hours_used + new.hours_refunded THEN 'remaining' ELSE 'used_up' END;
END;
