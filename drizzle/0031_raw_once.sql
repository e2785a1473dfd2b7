-- Each object's state references the stored input it came from instead of copying its JSON (docs/sync.md).
-- A state no stored input holds byte for byte (only rows written by hand, never by sync) is kept as a synthetic
-- observation first, so every row can reference something and no payload is lost.
INSERT INTO `stripe_observations` (`id`, `object_id`, `object_type`, `source`, `observed_at`, `payload`, `received_at`, `account`, `write_seq`)
SELECT 'stripe_objects:' || o.`id`, o.`id`, o.`object_type`, 'fetch', o.`observed_at`, o.`payload`, o.`observed_at` * 1000, o.`account`, NULL
FROM `stripe_objects` o
WHERE NOT EXISTS (SELECT 1 FROM `stripe_observations` b WHERE b.`object_id` = o.`id` AND b.`observed_at` = o.`observed_at` AND b.`payload` = o.`payload`)
  AND NOT EXISTS (SELECT 1 FROM `stripe_events` e WHERE e.`object_id` = o.`id` AND e.`created` = o.`observed_at` AND e.`payload` -> '$.data.object' = o.`payload`);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stripe_objects` (
	`id` text PRIMARY KEY NOT NULL,
	`object_type` text NOT NULL,
	`account` text,
	`created` integer NOT NULL,
	`version` text NOT NULL,
	`observed_at` integer NOT NULL,
	`event_id` text,
	`observation_id` text,
	CONSTRAINT "stripe_objects_input_check" CHECK(("__new_stripe_objects"."event_id" IS NULL) <> ("__new_stripe_objects"."observation_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_stripe_objects`("id", "object_type", "account", "created", "version", "observed_at", "event_id", "observation_id")
SELECT m.`id`, m.`object_type`, m.`account`, m.`created`, m.`version`, m.`observed_at`,
  CASE WHEN m.`observation_id` IS NULL THEN
    (SELECT e.`id` FROM `stripe_events` e WHERE e.`object_id` = m.`id` AND e.`created` = m.`observed_at` AND e.`payload` -> '$.data.object' = m.`payload` ORDER BY e.`id` LIMIT 1)
  END,
  m.`observation_id`
FROM (
  SELECT o.*, (SELECT b.`id` FROM `stripe_observations` b WHERE b.`object_id` = o.`id` AND b.`observed_at` = o.`observed_at` AND b.`payload` = o.`payload` ORDER BY b.`id` LIMIT 1) AS `observation_id`
  FROM `stripe_objects` o
) m;--> statement-breakpoint
DROP TABLE `stripe_objects`;--> statement-breakpoint
ALTER TABLE `__new_stripe_objects` RENAME TO `stripe_objects`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `stripe_objects_type_created_idx` ON `stripe_objects` (`object_type`,`created`);--> statement-breakpoint
CREATE VIEW `stripe_object_states` AS SELECT o.id, o.object_type, o.account, o.created, o.version, o.observed_at, o.event_id, o.observation_id,
  CASE WHEN o.observation_id IS NOT NULL
    THEN (SELECT b.payload FROM stripe_observations b WHERE b.id = o.observation_id)
    ELSE (SELECT e.payload -> '$.data.object' FROM stripe_events e WHERE e.id = o.event_id) END AS payload
FROM stripe_objects o;
