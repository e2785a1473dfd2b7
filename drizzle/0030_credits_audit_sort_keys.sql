-- The Credits page orders ties by the learner's name and searches names: learner_credits keeps copies of the
-- learner's name and email and the instructor's name (filled here, then kept by the triggers below), and each of
-- the page's orders gets an index ending in the tie order (learner's name, id). The Audit log seeks a day, or an
-- action and a day, and reads seq from the index.
DROP INDEX `learner_credits_liability_idx`;--> statement-breakpoint
ALTER TABLE `learner_credits` ADD `learner_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `learner_credits` ADD `learner_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `learner_credits` ADD `instructor_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `learner_credits` SET
  `learner_name` = ifnull((SELECT u.name FROM users u WHERE u.id = learner_credits.learner_id), ''),
  `learner_email` = ifnull((SELECT u.email FROM users u WHERE u.id = learner_credits.learner_id), ''),
  `instructor_name` = ifnull((SELECT u.name FROM instructors i JOIN users u ON u.id = i.user_id
                             WHERE i.id = learner_credits.instructor_id), '');--> statement-breakpoint
CREATE INDEX `learner_credits_remaining_idx` ON `learner_credits` (("hours_purchased" - "hours_used" - "hours_refunded"),"learner_name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `learner_credits_learner_name_idx` ON `learner_credits` ("learner_name" COLLATE NOCASE,`id`,`learner_email`,`instructor_name`,`hours_purchased`,`hours_used`,`hours_refunded`,`liability_pence`);--> statement-breakpoint
CREATE INDEX `learner_credits_instructor_name_idx` ON `learner_credits` ("instructor_name" COLLATE NOCASE,"learner_name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `learner_credits_updated_idx` ON `learner_credits` (`updated_at`,"learner_name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `learner_credits_liability_idx` ON `learner_credits` (`liability_pence`,"learner_name" COLLATE NOCASE,`id`,`hours_purchased`,`hours_used`,`hours_refunded`);--> statement-breakpoint
DROP INDEX `audit_created_idx`;--> statement-breakpoint
CREATE INDEX `audit_action_created_idx` ON `audit_logs` (`action`,`created_at`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_logs` (`created_at`,`seq`);--> statement-breakpoint
-- A new pair takes its people's names. Its people may arrive later in the same transaction (a rebuild defers
-- foreign keys): then the triggers on users and instructors fill them in.
CREATE TRIGGER `learner_credits_names_insert` AFTER INSERT ON `learner_credits`
BEGIN
  UPDATE `learner_credits` SET
    `learner_name` = ifnull((SELECT u.name FROM users u WHERE u.id = new.learner_id), ''),
    `learner_email` = ifnull((SELECT u.email FROM users u WHERE u.id = new.learner_id), ''),
    `instructor_name` = ifnull((SELECT u.name FROM instructors i JOIN users u ON u.id = i.user_id
                               WHERE i.id = new.instructor_id), '')
  WHERE rowid = new.rowid;
END;--> statement-breakpoint
CREATE TRIGGER `learner_credits_names_user_insert` AFTER INSERT ON `users`
BEGIN
  UPDATE `learner_credits` SET `learner_name` = new.name, `learner_email` = new.email WHERE learner_id = new.id;
  UPDATE `learner_credits` SET `instructor_name` = new.name
  WHERE instructor_id IN (SELECT i.id FROM instructors i WHERE i.user_id = new.id);
END;--> statement-breakpoint
CREATE TRIGGER `learner_credits_names_user_update` AFTER UPDATE OF name, email ON `users`
BEGIN
  UPDATE `learner_credits` SET `learner_name` = new.name, `learner_email` = new.email WHERE learner_id = new.id;
  UPDATE `learner_credits` SET `instructor_name` = new.name
  WHERE instructor_id IN (SELECT i.id FROM instructors i WHERE i.user_id = new.id);
END;--> statement-breakpoint
CREATE TRIGGER `learner_credits_names_instructor` AFTER INSERT ON `instructors`
BEGIN
  UPDATE `learner_credits` SET `instructor_name` = ifnull((SELECT u.name FROM users u WHERE u.id = new.user_id), '')
  WHERE instructor_id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER `learner_credits_names_instructor_user` AFTER UPDATE OF user_id ON `instructors`
BEGIN
  UPDATE `learner_credits` SET `instructor_name` = ifnull((SELECT u.name FROM users u WHERE u.id = new.user_id), '')
  WHERE instructor_id = new.id;
END;
