-- Observation ids now lead with the second they were observed (src/main/sync/apply.ts `observationIds`). A workspace
-- that already holds observations keeps their ids, made by the older rule (32 hex digits of the content hash), and
-- is marked so that sync also looks an observation up under that legacy id: delivered again after the upgrade, the
-- same input is still a duplicate. A workspace with none never needs the look-up.
INSERT INTO `sync_state` (`key`, `value`, `updated_at`)
SELECT 'observation_ids_legacy', 'true', CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE EXISTS (SELECT 1 FROM `stripe_observations`);
