-- INSERT OR REPLACE removes the entry it replaces without firing the DELETE trigger (SQLite fires delete triggers for
-- a REPLACE only under recursive_triggers, which a connection from elsewhere need not set): refuse any insert whose
-- id or sequence is already taken, so an entry can never be replaced, whoever opens the file.
CREATE TRIGGER `audit_logs_no_replace` BEFORE INSERT ON `audit_logs`
WHEN EXISTS (SELECT 1 FROM `audit_logs` WHERE `id` = NEW.`id` OR `seq` = NEW.`seq`)
BEGIN
  SELECT RAISE(ABORT, 'audit_logs is append-only: an entry cannot be replaced');
END;
