ALTER TABLE `clawbacks` ADD `payment_id` text;--> statement-breakpoint
ALTER TABLE `clawbacks` ADD `hours_from` integer;--> statement-breakpoint
ALTER TABLE `clawbacks` ADD `hours_to` integer;--> statement-breakpoint
-- Clawbacks made before this migration: their payment and hours come from the audit entry that recorded them
-- ("hours": "3–4" means (2, 4]). A waived clawback is final, so its guard steps aside for this one fill.
DROP TRIGGER IF EXISTS clawbacks_waived_final;
--> statement-breakpoint
UPDATE `clawbacks` SET
  `payment_id` = json_extract(a.`new_values`, '$.payment_id'),
  `hours_from` = CAST(substr(a.`h`, 1, instr(a.`h`, '–') - 1) AS INTEGER) - 1,
  `hours_to` = CAST(substr(a.`h`, instr(a.`h`, '–') + 1) AS INTEGER)
FROM (SELECT `entity_id`, `new_values`, json_extract(`new_values`, '$.hours') AS `h` FROM `audit_logs`
      WHERE `entity_type` = 'clawback' AND `action` IN ('earning_cancelled', 'reversal_requested')) AS a
WHERE a.`entity_id` = `clawbacks`.`id` AND instr(a.`h`, '–') > 0;
--> statement-breakpoint
CREATE TRIGGER clawbacks_waived_final BEFORE UPDATE ON clawbacks
WHEN OLD.status = 'waived'
BEGIN
  SELECT RAISE(ABORT, 'a waived clawback is final');
END;
