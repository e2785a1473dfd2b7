-- Payments search by learner name or email: a trigram full-text index over users, so a substring search
-- looks up candidates instead of scanning every user with LIKE. It reads its text from users (external
-- content, keyed by users.rowid) and the triggers below keep it in step with every insert, update and delete.
CREATE VIRTUAL TABLE `users_search` USING fts5(
  name, email, content='users', content_rowid='rowid', tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `users_search` (`users_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `users_search_insert` AFTER INSERT ON `users`
BEGIN
  INSERT INTO `users_search` (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_delete` AFTER DELETE ON `users`
BEGIN
  INSERT INTO `users_search` (`users_search`, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_update` AFTER UPDATE OF name, email ON `users`
BEGIN
  INSERT INTO `users_search` (`users_search`, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
  INSERT INTO `users_search` (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
