-- A root named after a Stripe object (`payment:pi_…`, `fee:txn_…`) is numbered off its object's key (its row times 64
-- plus the root kind's code) instead of a row of its own, so a new payment costs three entries in the keys' text index,
-- not six (docs/sync.md, "Object roots share their object's key"). Every key's number is now its row times 64 (code 0):
-- the refs are copied once under the new numbers, and the object roots' own rows go.
DROP VIEW `projection_ref_keys`;--> statement-breakpoint
INSERT INTO `projection_keys` (`key`)
SELECT DISTINCT substr(`key`, instr(`key`, ':') + 1) FROM `projection_keys`
WHERE substr(`key`, 1, instr(`key`, ':') - 1) IN ('payment', 'payment-row', 'fee', 'transfer', 'account', 'payout')
  AND substr(`key`, instr(`key`, ':') + 1) NOT IN (SELECT `key` FROM `projection_keys`)
ORDER BY 1;--> statement-breakpoint
CREATE TEMP TABLE `projection_key_numbers` (`old` integer PRIMARY KEY NOT NULL, `new` integer NOT NULL);--> statement-breakpoint
INSERT INTO temp.`projection_key_numbers` (`old`, `new`)
SELECT k.`id`, coalesce(b.`id` * 64 + CASE substr(k.`key`, 1, instr(k.`key`, ':') - 1) WHEN 'payment' THEN 1 WHEN 'payment-row' THEN 2 WHEN 'fee' THEN 3 WHEN 'transfer' THEN 4 WHEN 'account' THEN 5 WHEN 'payout' THEN 6 END, k.`id` * 64) FROM `projection_keys` k
LEFT JOIN `projection_keys` b ON b.`key` = substr(k.`key`, instr(k.`key`, ':') + 1)
  AND substr(k.`key`, 1, instr(k.`key`, ':') - 1) IN ('payment', 'payment-row', 'fee', 'transfer', 'account', 'payout');--> statement-breakpoint
CREATE TABLE `__new_projection_refs` (
	`ref_key` integer NOT NULL,
	`root_key` integer NOT NULL,
	PRIMARY KEY(`ref_key`, `root_key`)
);
--> statement-breakpoint
INSERT INTO `__new_projection_refs` (`ref_key`, `root_key`)
SELECT a.`new`, b.`new` FROM `projection_refs` r
JOIN temp.`projection_key_numbers` a ON a.`old` = r.`ref_key` JOIN temp.`projection_key_numbers` b ON b.`old` = r.`root_key`
ORDER BY 1, 2;--> statement-breakpoint
DROP TABLE `projection_refs`;--> statement-breakpoint
ALTER TABLE `__new_projection_refs` RENAME TO `projection_refs`;--> statement-breakpoint
CREATE INDEX `projection_refs_root_idx` ON `projection_refs` (`root_key`,`ref_key`);--> statement-breakpoint
DELETE FROM `projection_keys` WHERE `id` IN (SELECT `old` FROM temp.`projection_key_numbers` WHERE `new` % 64 <> 0);--> statement-breakpoint
DROP TABLE temp.`projection_key_numbers`;--> statement-breakpoint
CREATE VIEW `projection_ref_keys` AS SELECT CASE r.ref_key % 64 WHEN 1 THEN 'payment:' || k.key WHEN 2 THEN 'payment-row:' || k.key WHEN 3 THEN 'fee:' || k.key WHEN 4 THEN 'transfer:' || k.key WHEN 5 THEN 'account:' || k.key WHEN 6 THEN 'payout:' || k.key ELSE k.key END AS ref, CASE r.root_key % 64 WHEN 1 THEN 'payment:' || rk.key WHEN 2 THEN 'payment-row:' || rk.key WHEN 3 THEN 'fee:' || rk.key WHEN 4 THEN 'transfer:' || rk.key WHEN 5 THEN 'account:' || rk.key WHEN 6 THEN 'payout:' || rk.key ELSE rk.key END AS root
  FROM projection_refs r JOIN projection_keys k ON k.id = r.ref_key / 64
  JOIN projection_keys rk ON rk.id = r.root_key / 64;