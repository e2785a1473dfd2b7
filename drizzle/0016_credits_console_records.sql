CREATE TABLE `completion_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`rows` integer NOT NULL,
	`recorded` integer NOT NULL,
	`already_recorded` integer NOT NULL,
	`hours` integer NOT NULL,
	`imported_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "completion_imports_counts_check" CHECK("completion_imports"."recorded" >= 1 AND "completion_imports"."recorded" + "completion_imports"."already_recorded" = "completion_imports"."rows")
);
--> statement-breakpoint
CREATE INDEX `completion_imports_file_idx` ON `completion_imports` (`file_sha256`,`created_at`);--> statement-breakpoint
CREATE INDEX `completion_imports_created_idx` ON `completion_imports` (`created_at`);--> statement-breakpoint
ALTER TABLE `learner_credits` ADD `hours_refunded` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `learner_credits` ADD `liability_pence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `learner_credits_liability_idx` ON `learner_credits` (`liability_pence`);--> statement-breakpoint
ALTER TABLE `lesson_completions` ADD `import_id` text REFERENCES completion_imports(id);--> statement-breakpoint
ALTER TABLE `lesson_completions` ADD `reverses_id` text REFERENCES lesson_completions(id);--> statement-breakpoint
ALTER TABLE `lesson_completions` ADD `note` text;--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_completions_reverses_idx` ON `lesson_completions` (`reverses_id`);--> statement-breakpoint
CREATE INDEX `lesson_completions_import_idx` ON `lesson_completions` (`import_id`);--> statement-breakpoint
-- Hand-written: completions and their imports are console records, never edited or deleted (a correction is a
-- reversal plus a new entry).
CREATE TRIGGER lesson_completions_no_update BEFORE UPDATE ON lesson_completions
BEGIN
  SELECT RAISE(ABORT, 'a lesson completion is never edited: reverse it and record a new one');
END;
--> statement-breakpoint
CREATE TRIGGER lesson_completions_no_delete BEFORE DELETE ON lesson_completions
BEGIN
  SELECT RAISE(ABORT, 'a lesson completion is never deleted: reverse it');
END;
--> statement-breakpoint
CREATE TRIGGER lesson_completions_reversal_matches BEFORE INSERT ON lesson_completions
WHEN NEW.reverses_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM lesson_completions o WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
    AND o.learner_id = NEW.learner_id AND o.instructor_id = NEW.instructor_id AND o.hours = NEW.hours)
BEGIN
  SELECT RAISE(ABORT, 'a reversal names a completion (not a reversal) of the same pair and hours');
END;
--> statement-breakpoint
CREATE TRIGGER completion_imports_no_update BEFORE UPDATE ON completion_imports
BEGIN
  SELECT RAISE(ABORT, 'a completions import is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER completion_imports_no_delete BEFORE DELETE ON completion_imports
BEGIN
  SELECT RAISE(ABORT, 'a completions import is never deleted');
END;
