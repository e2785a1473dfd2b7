// Effective-dated settings: the platform fee rate, the refund approval limit and the session lifetime keep their history.
import { z } from 'zod';
import { method } from './define';
import { isoDate, noInput } from './common';

export const SETTING_KEYS = [
  'platform_fee_bps',
  'refund_approval_limit_pence',
  'session_lifetime_hours',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface SettingVersion {
  id: string;
  key: SettingKey;
  value: number;
  effectiveFrom: string;
  createdAt: number;
  createdByName: string | null;
}

export interface SettingsView {
  today: string;
  current: Record<SettingKey, number>;
  history: SettingVersion[];
}

/** Allowed range of each setting (basis points, pence, hours). */
export const SETTING_LIMITS: Record<SettingKey, { min: number; max: number }> = {
  platform_fee_bps: { min: 0, max: 5_000 },
  refund_approval_limit_pence: { min: 0, max: 10_000_000 },
  /** However active, a session ends after this many hours and the operator signs in again. */
  session_lifetime_hours: { min: 1, max: 24 },
};

export const settingsContract = {
  'settings.get': method<SettingsView>()({
    input: noInput,
    access: 'signedIn',
    reads: ['settings_history'],
    writes: [],
    summary: 'Current settings and their history.',
  }),
  'settings.schedule': method<SettingVersion>()({
    input: z
      .strictObject({ key: z.enum(SETTING_KEYS), value: z.int(), effectiveFrom: isoDate })
      .refine((v) => v.value >= SETTING_LIMITS[v.key].min && v.value <= SETTING_LIMITS[v.key].max, {
        message: 'That value is outside the range this setting allows.',
        path: ['value'],
      }),
    access: ['admin'],
    reads: ['settings_history'],
    writes: ['settings_history', 'audit_logs'],
    summary: 'Sets a new value from a date on (today or later); past values are never rewritten.',
  }),
};
