CREATE TABLE `earning_day_totals` (
	`day` text PRIMARY KEY NOT NULL,
	`earnings` integer NOT NULL,
	`amount_pence` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `instructor_payment_totals` (
	`bucket` text NOT NULL,
	`instructor_id` text NOT NULL,
	`payments` integer NOT NULL,
	`gross_pence` integer NOT NULL,
	PRIMARY KEY(`bucket`, `instructor_id`)
);
--> statement-breakpoint
ALTER TABLE `payment_day_totals` ADD `discount_pence` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- payment_day_totals gains the discounts: its triggers (migration 0025) are made again with the column, and the
-- table is summed again from payments. The London calendar day of an instant is worked out in SQL as 0025 does.
DROP TRIGGER payment_day_totals_insert;
--> statement-breakpoint
DROP TRIGGER payment_day_totals_delete;
--> statement-breakpoint
DROP TRIGGER payment_day_totals_update;
--> statement-breakpoint
CREATE TRIGGER payment_day_totals_insert AFTER INSERT ON payments BEGIN
  INSERT INTO payment_day_totals (day, status, payment_type, count, total_pence, instructor_pence, fee_pence, refunded_pence, discount_pence)
  VALUES (CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END, NEW.status, NEW.payment_type, 1, NEW.total_amount_pence, NEW.instructor_amount_pence, NEW.platform_fee_pence, NEW.amount_refunded_pence, NEW.discount_pence)
  ON CONFLICT (day, status, payment_type) DO UPDATE SET count = count + 1, total_pence = total_pence + excluded.total_pence,
    instructor_pence = instructor_pence + excluded.instructor_pence, fee_pence = fee_pence + excluded.fee_pence,
    refunded_pence = refunded_pence + excluded.refunded_pence, discount_pence = discount_pence + excluded.discount_pence;
END;
--> statement-breakpoint
CREATE TRIGGER payment_day_totals_delete AFTER DELETE ON payments BEGIN
  UPDATE payment_day_totals SET count = count - 1, total_pence = total_pence - OLD.total_amount_pence,
    instructor_pence = instructor_pence - OLD.instructor_amount_pence, fee_pence = fee_pence - OLD.platform_fee_pence,
    refunded_pence = refunded_pence - OLD.amount_refunded_pence, discount_pence = discount_pence - OLD.discount_pence
  WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND status = OLD.status AND payment_type = OLD.payment_type;
  DELETE FROM payment_day_totals WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND status = OLD.status AND payment_type = OLD.payment_type AND count = 0;
END;
--> statement-breakpoint
CREATE TRIGGER payment_day_totals_update AFTER UPDATE OF created_at, status, payment_type, total_amount_pence, instructor_amount_pence, platform_fee_pence, amount_refunded_pence, discount_pence ON payments BEGIN
  UPDATE payment_day_totals SET count = count - 1, total_pence = total_pence - OLD.total_amount_pence,
    instructor_pence = instructor_pence - OLD.instructor_amount_pence, fee_pence = fee_pence - OLD.platform_fee_pence,
    refunded_pence = refunded_pence - OLD.amount_refunded_pence, discount_pence = discount_pence - OLD.discount_pence
  WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND status = OLD.status AND payment_type = OLD.payment_type;
  DELETE FROM payment_day_totals WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND status = OLD.status AND payment_type = OLD.payment_type AND count = 0;
  INSERT INTO payment_day_totals (day, status, payment_type, count, total_pence, instructor_pence, fee_pence, refunded_pence, discount_pence)
  VALUES (CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END, NEW.status, NEW.payment_type, 1, NEW.total_amount_pence, NEW.instructor_amount_pence, NEW.platform_fee_pence, NEW.amount_refunded_pence, NEW.discount_pence)
  ON CONFLICT (day, status, payment_type) DO UPDATE SET count = count + 1, total_pence = total_pence + excluded.total_pence,
    instructor_pence = instructor_pence + excluded.instructor_pence, fee_pence = fee_pence + excluded.fee_pence,
    refunded_pence = refunded_pence + excluded.refunded_pence, discount_pence = discount_pence + excluded.discount_pence;
END;
--> statement-breakpoint
DELETE FROM payment_day_totals;
--> statement-breakpoint
INSERT INTO payment_day_totals (day, status, payment_type, count, total_pence, instructor_pence, fee_pence, refunded_pence, discount_pence)
  SELECT CASE WHEN datetime(p.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(p.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(p.created_at / 1000, 'unixepoch') END, p.status, p.payment_type, count(*), sum(p.total_amount_pence), sum(p.instructor_amount_pence),
    sum(p.platform_fee_pence), sum(p.amount_refunded_pence), sum(p.discount_pence)
  FROM payments p GROUP BY 1, 2, 3;
--> statement-breakpoint
-- The captured payments per instructor, per London day and per London month.
CREATE TRIGGER instructor_payment_totals_insert AFTER INSERT ON payments BEGIN
  INSERT INTO instructor_payment_totals (bucket, instructor_id, payments, gross_pence)
  SELECT CASE m WHEN 0 THEN d ELSE substr(d, 1, 7) END, NEW.instructor_id, 1, NEW.total_amount_pence
  FROM (SELECT CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END AS d), (SELECT 0 AS m UNION ALL SELECT 1)
  WHERE NEW.instructor_id IS NOT NULL AND NEW.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
  ON CONFLICT (bucket, instructor_id) DO UPDATE SET payments = payments + 1, gross_pence = gross_pence + excluded.gross_pence;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_payment_totals_delete AFTER DELETE ON payments BEGIN
  UPDATE instructor_payment_totals SET payments = payments - 1, gross_pence = gross_pence - OLD.total_amount_pence
  WHERE OLD.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND instructor_id = OLD.instructor_id AND bucket IN (SELECT d FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d) UNION ALL SELECT substr(d, 1, 7) FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d));
  DELETE FROM instructor_payment_totals WHERE instructor_id = OLD.instructor_id AND bucket IN (SELECT d FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d) UNION ALL SELECT substr(d, 1, 7) FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d)) AND payments = 0;
END;
--> statement-breakpoint
CREATE TRIGGER instructor_payment_totals_update AFTER UPDATE OF created_at, status, instructor_id, total_amount_pence ON payments WHEN OLD.created_at IS NOT NEW.created_at OR OLD.status IS NOT NEW.status OR OLD.instructor_id IS NOT NEW.instructor_id OR OLD.total_amount_pence IS NOT NEW.total_amount_pence BEGIN
  UPDATE instructor_payment_totals SET payments = payments - 1, gross_pence = gross_pence - OLD.total_amount_pence
  WHERE OLD.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed') AND instructor_id = OLD.instructor_id AND bucket IN (SELECT d FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d) UNION ALL SELECT substr(d, 1, 7) FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d));
  DELETE FROM instructor_payment_totals WHERE instructor_id = OLD.instructor_id AND bucket IN (SELECT d FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d) UNION ALL SELECT substr(d, 1, 7) FROM (SELECT CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AS d)) AND payments = 0;
  INSERT INTO instructor_payment_totals (bucket, instructor_id, payments, gross_pence)
  SELECT CASE m WHEN 0 THEN d ELSE substr(d, 1, 7) END, NEW.instructor_id, 1, NEW.total_amount_pence
  FROM (SELECT CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END AS d), (SELECT 0 AS m UNION ALL SELECT 1)
  WHERE NEW.instructor_id IS NOT NULL AND NEW.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
  ON CONFLICT (bucket, instructor_id) DO UPDATE SET payments = payments + 1, gross_pence = gross_pence + excluded.gross_pence;
END;
--> statement-breakpoint
INSERT INTO instructor_payment_totals (bucket, instructor_id, payments, gross_pence)
  SELECT bucket, instructor_id, count(*), sum(total_amount_pence) FROM (
    SELECT CASE WHEN datetime(p.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(p.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(p.created_at / 1000, 'unixepoch') END AS bucket, p.instructor_id, p.total_amount_pence FROM payments p
    WHERE p.instructor_id IS NOT NULL AND p.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
    UNION ALL
    SELECT substr(CASE WHEN datetime(p.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', p.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(p.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(p.created_at / 1000, 'unixepoch') END, 1, 7), p.instructor_id, p.total_amount_pence FROM payments p
    WHERE p.instructor_id IS NOT NULL AND p.status IN ('succeeded', 'partially_refunded', 'refunded', 'disputed')
  ) GROUP BY bucket, instructor_id;
--> statement-breakpoint
-- The earnings per London day of their creation.
CREATE TRIGGER earning_day_totals_insert AFTER INSERT ON earnings BEGIN
  INSERT INTO earning_day_totals (day, earnings, amount_pence) VALUES (CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END, 1, NEW.amount_pence)
  ON CONFLICT (day) DO UPDATE SET earnings = earnings + 1, amount_pence = amount_pence + excluded.amount_pence;
END;
--> statement-breakpoint
CREATE TRIGGER earning_day_totals_delete AFTER DELETE ON earnings BEGIN
  UPDATE earning_day_totals SET earnings = earnings - 1, amount_pence = amount_pence - OLD.amount_pence WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END;
  DELETE FROM earning_day_totals WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND earnings = 0;
END;
--> statement-breakpoint
CREATE TRIGGER earning_day_totals_update AFTER UPDATE OF created_at, amount_pence ON earnings WHEN OLD.created_at IS NOT NEW.created_at OR OLD.amount_pence IS NOT NEW.amount_pence BEGIN
  UPDATE earning_day_totals SET earnings = earnings - 1, amount_pence = amount_pence - OLD.amount_pence WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END;
  DELETE FROM earning_day_totals WHERE day = CASE WHEN datetime(OLD.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', OLD.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(OLD.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(OLD.created_at / 1000, 'unixepoch') END AND earnings = 0;
  INSERT INTO earning_day_totals (day, earnings, amount_pence) VALUES (CASE WHEN datetime(NEW.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', NEW.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(NEW.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(NEW.created_at / 1000, 'unixepoch') END, 1, NEW.amount_pence)
  ON CONFLICT (day) DO UPDATE SET earnings = earnings + 1, amount_pence = amount_pence + excluded.amount_pence;
END;
--> statement-breakpoint
INSERT INTO earning_day_totals (day, earnings, amount_pence)
  SELECT CASE WHEN datetime(e.created_at / 1000, 'unixepoch') BETWEEN date(strftime('%Y', e.created_at / 1000, 'unixepoch') || '-03-25', 'weekday 0') || ' 01:00:00' AND date(strftime('%Y', e.created_at / 1000, 'unixepoch') || '-10-25', 'weekday 0') || ' 00:59:59' THEN date(e.created_at / 1000, 'unixepoch', '+1 hour') ELSE date(e.created_at / 1000, 'unixepoch') END, count(*), sum(e.amount_pence) FROM earnings e GROUP BY 1;
