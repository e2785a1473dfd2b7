ALTER TABLE `payment_day_totals` ADD `discount_pence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `earnings_created_idx` ON `earnings` (`created_at`,`amount_pence`);
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
