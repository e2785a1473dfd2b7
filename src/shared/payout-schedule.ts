// When the payout schedule fires: the policy's weekday and time on London's wall clock (GMT or BST alike), and the
// Friday each firing prepares (the firing's own day when it is a Friday, else the Friday after it).
import { addDays, fridayOnOrAfter, londonDate, londonInstant, weekday } from './dates';

export interface ScheduleSlot {
  scheduleWeekday: number;
  scheduleTime: string;
}

export interface Occurrence {
  /** The London calendar day of the firing. */
  day: string;
  /** The instant it fires (epoch ms). */
  at: number;
  /** The payout Friday it prepares. */
  friday: string;
}

function occurrenceOn(slot: ScheduleSlot, day: string): Occurrence | null {
  if (weekday(day) !== slot.scheduleWeekday) return null;
  return { day, at: londonInstant(day, slot.scheduleTime), friday: fridayOnOrAfter(day) };
}

/** The latest firing at or before `now` (within the last eight days there is always one). */
export function lastOccurrence(slot: ScheduleSlot, now: number): Occurrence {
  const today = londonDate(now);
  for (let back = 0; back <= 8; back += 1) {
    const o = occurrenceOn(slot, addDays(today, -back));
    if (o && o.at <= now) return o;
  }
  throw new Error(`no weekday ${slot.scheduleWeekday} in the last eight days`);
}

/** The first firing after `now`. */
export function nextOccurrence(slot: ScheduleSlot, now: number): Occurrence {
  const today = londonDate(now);
  for (let ahead = 0; ahead <= 8; ahead += 1) {
    const o = occurrenceOn(slot, addDays(today, ahead));
    if (o && o.at > now) return o;
  }
  throw new Error(`no weekday ${slot.scheduleWeekday} in the next eight days`);
}
