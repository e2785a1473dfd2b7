// Effective-dated settings: the value in force on a date is the latest one scheduled from that date or earlier.
import { randomUUID } from 'node:crypto';
import {
  SETTING_KEYS,
  type SettingKey,
  type SettingVersion,
  type SettingsView,
} from '../../shared/contract/settings';
import { londonDate } from '../../shared/dates';
import type { CoreServices } from '../api/context';
import { fieldError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';

/** DOMAIN.md defaults: an 18% platform fee and a £50.00 refund approval limit; sessions last a working day at most. */
export const SETTING_DEFAULTS: Record<SettingKey, number> = {
  platform_fee_bps: 1800,
  refund_approval_limit_pence: 5000,
  session_lifetime_hours: 12,
};
const DEFAULTS_EFFECTIVE_FROM = '2000-01-01';

export function settingOn(sqlite: Sqlite, key: SettingKey, date: string): number {
  const value = sqlite
    .prepare(
      `SELECT value FROM settings_history WHERE key = ? AND effective_from <= ?
       ORDER BY effective_from DESC, created_at DESC, rowid DESC LIMIT 1`,
    )
    .pluck()
    .get(key, date) as number | undefined;
  return value ?? SETTING_DEFAULTS[key];
}

/** Writes the defaults once, on a new workspace, so the history starts with what was in force. */
export function ensureDefaultSettings(sqlite: Sqlite, now: number): void {
  sqlite
    .transaction(() => {
      for (const key of SETTING_KEYS) {
        const exists = sqlite.prepare('SELECT 1 FROM settings_history WHERE key = ? LIMIT 1').get(key);
        if (exists) continue;
        const id = randomUUID();
        sqlite
          .prepare(
            'INSERT INTO settings_history (id, key, value, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
          )
          .run(id, key, SETTING_DEFAULTS[key], DEFAULTS_EFFECTIVE_FROM, now);
        appendAudit(sqlite, {
          entityType: 'setting',
          entityId: id,
          action: 'default',
          newValues: { key, value: SETTING_DEFAULTS[key], effective_from: DEFAULTS_EFFECTIVE_FROM },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
      }
    })
    .immediate();
}

export function settingsView(sqlite: Sqlite, now: number): SettingsView {
  const today = londonDate(now);
  const current = Object.fromEntries(SETTING_KEYS.map((k) => [k, settingOn(sqlite, k, today)])) as Record<
    SettingKey,
    number
  >;
  const history = sqlite
    .prepare(
      `SELECT s.id, s.key, s.value, s.effective_from AS effectiveFrom, s.created_at AS createdAt, u.name AS createdByName
       FROM settings_history s LEFT JOIN users u ON u.id = s.created_by
       ORDER BY s.effective_from DESC, s.created_at DESC`,
    )
    .all() as SettingVersion[];
  return { today, current, history };
}

export function scheduleSetting(
  services: CoreServices,
  operatorId: string,
  input: { key: SettingKey; value: number; effectiveFrom: string },
): SettingVersion {
  const now = services.clock.now();
  if (input.effectiveFrom < londonDate(now)) {
    throw fieldError(
      'effectiveFrom',
      'The start date cannot be in the past: values already in force are never rewritten.',
    );
  }
  const id = randomUUID();
  services.sqlite
    .transaction(() => {
      const before = settingOn(services.sqlite, input.key, input.effectiveFrom);
      services.sqlite
        .prepare(
          'INSERT INTO settings_history (id, key, value, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.key, input.value, input.effectiveFrom, operatorId, now);
      appendAudit(services.sqlite, {
        entityType: 'setting',
        entityId: id,
        action: 'schedule',
        oldValues: { key: input.key, value: before },
        newValues: { key: input.key, value: input.value, effective_from: input.effectiveFrom },
        userId: operatorId,
        actor: 'operator',
        createdAt: now,
      });
    })
    .immediate();
  return settingsView(services.sqlite, now).history.find((h) => h.id === id)!;
}
