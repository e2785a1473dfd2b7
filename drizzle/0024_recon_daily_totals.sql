CREATE TABLE `journal_daily_totals` (
	`day` text NOT NULL,
	`account` text NOT NULL,
	`kind` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`day`, `account`, `kind`)
);
--> statement-breakpoint
-- The journal already written, added up by London day (BST: from 01:00 UTC on the last Sunday of March to 01:00 UTC
-- on the last Sunday of October, the Sunday on or after the 25th); from now on the journal's writer keeps it.
INSERT INTO `journal_daily_totals` (`day`, `account`, `kind`, `amount_pence`, `lines`)
SELECT `day`, `account`, `kind`, SUM(`amount_pence`), COUNT(*) FROM (
  SELECT date(t.s, 'unixepoch',
           CASE WHEN t.s >= CAST(strftime('%s', strftime('%Y', t.s, 'unixepoch') || '-03-25', 'weekday 0') AS INTEGER) + 3600
                 AND t.s < CAST(strftime('%s', strftime('%Y', t.s, 'unixepoch') || '-10-25', 'weekday 0') AS INTEGER) + 3600
                THEN '+1 hours' ELSE '+0 hours' END) AS `day`,
         CASE WHEN instr(l.account, ':') > 0 THEN substr(l.account, 1, instr(l.account, ':') - 1) ELSE l.account END AS `account`,
         t.kind AS `kind`, l.amount_pence AS `amount_pence`
  FROM (SELECT id, kind, occurred_at / 1000 AS s FROM journal_transactions) t
  JOIN journal_lines l ON l.transaction_id = t.id
) GROUP BY `day`, `account`, `kind`;
--> statement-breakpoint
-- The charts' top instructors read transfers and reversals over a year: a partial index holds only those rows, so
-- it costs nothing on the journal's other writes.
CREATE INDEX `journal_tx_transfers_idx` ON `journal_transactions` (`occurred_at`, `instructor_id`) WHERE `kind` IN ('transfer', 'reversal');
