CREATE TABLE `workspace_identity` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
-- The id is made once and names the workspace's keys outside the file: it never changes and is never removed.
CREATE TRIGGER `workspace_identity_fixed` BEFORE UPDATE ON `workspace_identity`
BEGIN
  SELECT RAISE(ABORT, 'workspace_identity is fixed: the workspace id never changes');
END;
--> statement-breakpoint
CREATE TRIGGER `workspace_identity_kept` BEFORE DELETE ON `workspace_identity`
BEGIN
  SELECT RAISE(ABORT, 'workspace_identity is fixed: the workspace id is never removed');
END;
--> statement-breakpoint
CREATE TRIGGER `workspace_identity_single` BEFORE INSERT ON `workspace_identity`
WHEN EXISTS (SELECT 1 FROM `workspace_identity`)
BEGIN
  SELECT RAISE(ABORT, 'workspace_identity is fixed: a workspace has one id');
END;
