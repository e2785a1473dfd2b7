-- People search for two characters: the trigram index cannot look up text shorter than three characters, so a
-- two-letter search read every user. Each name and email is now indexed with an end mark (char(3), which nobody
-- types) after it, so two characters anywhere, the last two included, begin some indexed trigram: the trigrams that
-- begin with them are a range of the index's terms (`users_search_terms`), and their rows the candidates. The
-- index is contentless (it holds the marked text, not the users' columns) and deletes by rowid.
DROP TRIGGER `users_search_insert`;
--> statement-breakpoint
DROP TRIGGER `users_search_delete`;
--> statement-breakpoint
DROP TRIGGER `users_search_update`;
--> statement-breakpoint
DROP TABLE `users_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `users_search` USING fts5(
  name, email, content='', contentless_delete=1, tokenize='trigram'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `users_search_terms` USING fts5vocab(`users_search`, 'row');
--> statement-breakpoint
INSERT INTO `users_search` (rowid, name, email) SELECT rowid, name || char(3), email || char(3) FROM `users`;
--> statement-breakpoint
CREATE TRIGGER `users_search_insert` AFTER INSERT ON `users`
BEGIN
  INSERT INTO `users_search` (rowid, name, email) VALUES (new.rowid, new.name || char(3), new.email || char(3));
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_delete` AFTER DELETE ON `users`
BEGIN
  DELETE FROM `users_search` WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_update` AFTER UPDATE OF name, email ON `users`
BEGIN
  DELETE FROM `users_search` WHERE rowid = old.rowid;
  INSERT INTO `users_search` (rowid, name, email) VALUES (new.rowid, new.name || char(3), new.email || char(3));
END;
