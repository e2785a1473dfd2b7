-- A sync batch entry's id index also holds the ids its changes' projection roots name (`pi_…` of `payment:pi_…`,
-- src/main/audit/sync-batch.ts): the batches written before this migration get theirs here, with the same words the
-- writer indexes (audit_value_ids, src/main/db/migrate.ts); an id the entry's inputs already gave it is kept once.
INSERT OR IGNORE INTO `audit_ids` (`value_id`, `seq`)
  SELECT DISTINCT t.value_id, r.seq FROM (SELECT DISTINCT seq, root FROM audit_sync_changes) r, audit_value_ids(r.root) t
  ORDER BY 1, 2;
