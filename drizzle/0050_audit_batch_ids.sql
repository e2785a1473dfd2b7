-- A sync batch entry's ids (its inputs and their objects, the entities it changed, the ids its changes' roots name)
-- move from rows of `audit_ids` and the `(entity_id, seq)` index of `audit_sync_changes`, both written under random
-- keys, to one document per entry in a full-text index whose segments are written in order (src/shared/batch-id-words.ts
-- spells each id so that FTS5's case folding keeps capitals apart). `audit_batch_ids_document` is registered by the
-- migrator (src/main/db/migrate.ts) and builds the document as the writer does. The prefix indexes of 4, 5 and 6
-- characters answer the short prefixes every id of a kind shares (`pi_3`, `ch_3N`) from one list instead of merging
-- the lists of every word they begin (1M PaymentIntent ids: 486 ms without, 0.1 ms with).
DROP INDEX `audit_sync_changes_entity_idx`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `audit_batch_ids` USING fts5(
  ids, content='', columnsize=0, detail='none', prefix='4 5 6', tokenize="unicode61 tokenchars '_-~'"
);
--> statement-breakpoint
INSERT INTO `audit_batch_ids` (rowid, ids)
SELECT a.seq, audit_batch_ids_document(
  a.new_values,
  (SELECT json_group_array(json_object('entity_id', c.entity_id, 'root', c.root)) FROM `audit_sync_changes` c WHERE c.seq = a.seq)
)
FROM `audit_logs` a WHERE a.entity_type = 'sync_batch' AND a.action = 'sync_batch';
--> statement-breakpoint
DELETE FROM `audit_ids` WHERE seq IN (
  SELECT seq FROM `audit_logs` WHERE entity_type = 'sync_batch' AND action = 'sync_batch'
);
