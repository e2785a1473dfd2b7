-- projection_refs by numbered keys instead of text (docs/sync.md, "Keys that append"): a backfill's new objects and roots
-- get growing numbers, so their refs append to the two B-trees that random text keys rewrote at every commit. The text
-- stays readable through the view projection_ref_keys. Existing keys are numbered in text order.
CREATE TABLE `projection_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `projection_keys` (`key`) SELECT `ref` FROM `projection_refs` UNION SELECT `root` FROM `projection_refs` ORDER BY 1;--> statement-breakpoint
CREATE UNIQUE INDEX `projection_keys_key_idx` ON `projection_keys` (`key`);--> statement-breakpoint
CREATE TABLE `__new_projection_refs` (
	`ref_key` integer NOT NULL,
	`root_key` integer NOT NULL,
	PRIMARY KEY(`ref_key`, `root_key`)
);
--> statement-breakpoint
INSERT INTO `__new_projection_refs` (`ref_key`, `root_key`)
SELECT k.`id`, rk.`id` FROM `projection_refs` r
JOIN `projection_keys` k ON k.`key` = r.`ref` JOIN `projection_keys` rk ON rk.`key` = r.`root`
ORDER BY 1, 2;--> statement-breakpoint
DROP TABLE `projection_refs`;--> statement-breakpoint
ALTER TABLE `__new_projection_refs` RENAME TO `projection_refs`;--> statement-breakpoint
CREATE INDEX `projection_refs_root_idx` ON `projection_refs` (`root_key`,`ref_key`);--> statement-breakpoint
CREATE VIEW `projection_ref_keys` AS SELECT k.key AS ref, rk.key AS root FROM projection_refs r
  JOIN projection_keys k ON k.id = r.ref_key JOIN projection_keys rk ON rk.id = r.root_key;
