-- Only transfers and reversals enter the instructor index: every read of the journal by instructor asks for those,
-- and each other transaction cost a random insert here (docs/sync.md, "The journal's instructor index holds settlements only").
DROP INDEX `journal_tx_instructor_idx`;--> statement-breakpoint
CREATE INDEX `journal_tx_instructor_idx` ON `journal_transactions` (`instructor_id`,`occurred_at`) WHERE "journal_transactions"."kind" IN ('transfer', 'reversal');