import { child, children, childText, EwsProtocolError, type XmlNode } from '@ews/core';
import { type DayOfWeek, dayOfWeek, int, WEEKDAYS, type Weekday } from '@ews/models';
import { childValue } from '../internal/scalar-values.js';

/*
 * t:WorkingHours of a GetUserAvailability answer: the mailbox's working periods (days and minutes
 * after local midnight) in the mailbox's own t:SerializableTimeZone (UTC = local + bias). The
 * reader refuses what does not fit the schema or the clock (EWS_PROTOCOL), and `workingIntervals`
 * turns the periods into UTC instants, daylight saving included.
 */

export type { Weekday };
/** t:DayOfWeekType (models' `dayOfWeek`): a weekday or one of the three groups. */
export type DayOfWeekName = DayOfWeek;

const GROUPS: Readonly<Record<DayOfWeekName, readonly Weekday[]>> = {
  Sunday: ['Sunday'],
  Monday: ['Monday'],
  Tuesday: ['Tuesday'],
  Wednesday: ['Wednesday'],
  Thursday: ['Thursday'],
  Friday: ['Friday'],
  Saturday: ['Saturday'],
  Day: WEEKDAYS,
  Weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  WeekendDay: ['Saturday', 'Sunday'],
};

/** One side of a t:SerializableTimeZone: its extra bias and the yearly transition into it. */
export interface TimeZoneTransition {
  /** Minutes added to the zone's bias while this side is in effect. */
  readonly bias: number;
  /** Local wall-clock time of the transition, `HH:MM:SS`. */
  readonly time: string;
  /** 1…4 (the n-th weekday of the month) or 5 (the last). */
  readonly dayOrder: number;
  /** 1…12; 0 means the zone has no such transition (no daylight saving). */
  readonly month: number;
  readonly dayOfWeek: DayOfWeekName;
}

/** t:SerializableTimeZone: UTC = local + bias (+ the side's bias), in minutes. */
export interface AvailabilityTimeZone {
  readonly bias: number;
  readonly standardTime: TimeZoneTransition;
  readonly daylightTime: TimeZoneTransition;
}

export interface WorkingPeriod {
  /** The weekdays the period is on (`Weekday` and the other groups spelled out). */
  readonly days: readonly Weekday[];
  /** Minutes after local midnight, 0…1440. */
  readonly startMinutes: number;
  readonly endMinutes: number;
}

export interface WorkingHours {
  /** The zone the periods are in (the mailbox's working-hours zone). */
  readonly timeZone: AvailabilityTimeZone;
  readonly periods: readonly WorkingPeriod[];
}

export interface TimeInterval {
  readonly start: Date;
  readonly end: Date;
}

/** A Date at epoch milliseconds this module computed from Dates (never server text). */
export function instant(ms: number): Date {
  return new Date(ms);
}

/** More periods than any Exchange mailbox has (one per weekday at most): a bound, not a guess. */
const MAX_WORKING_PERIODS = 64;
const MINUTES_PER_DAY = 1440;
const DAY_MS = 86_400_000;
// ±14 hours of base bias and ±2 hours of daylight bias cover every zone there is.
const MAX_BIAS = 14 * 60;

function broken(text: string): EwsProtocolError {
  return new EwsProtocolError(`GetUserAvailability answered ${text}`, { operation: 'GetUserAvailability' });
}

function required<T>(value: T | undefined, where: string): T {
  if (value === undefined) throw broken(`WorkingHours without ${where}`);
  return value;
}

function bias(node: XmlNode | undefined, where: string): number {
  const value = required(childValue(node, 'Bias', int, where), `${where}.Bias`);
  if (Math.abs(value) > MAX_BIAS) throw broken(`${where}.Bias ${value}, outside ±${MAX_BIAS} minutes`);
  return value;
}

function readTransition(node: XmlNode | undefined, where: string): TimeZoneTransition {
  if (node === undefined) throw broken(`WorkingHours without ${where}`);
  const time = required(childText(node, 'Time'), `${where}.Time`);
  if (!/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(time))
    throw broken(`${where}.Time that is no time of day`);
  const dayOrder = required(childValue(node, 'DayOrder', int, where), `${where}.DayOrder`);
  const month = required(childValue(node, 'Month', int, where), `${where}.Month`);
  if (month < 0 || month > 12) throw broken(`${where}.Month ${month}`);
  if (month !== 0 && (dayOrder < 1 || dayOrder > 5)) throw broken(`${where}.DayOrder ${dayOrder}`);
  return {
    bias: bias(node, where),
    time,
    dayOrder,
    month,
    dayOfWeek: required(childValue(node, 'DayOfWeek', dayOfWeek, where), `${where}.DayOfWeek`),
  };
}

function availabilityTimeZone(node: XmlNode | undefined, where: string): AvailabilityTimeZone {
  if (node === undefined) throw broken(`WorkingHours without ${where}`);
  return {
    bias: bias(node, where),
    standardTime: readTransition(child(node, 'StandardTime'), `${where}.StandardTime`),
    daylightTime: readTransition(child(node, 'DaylightTime'), `${where}.DaylightTime`),
  };
}

function readPeriod(node: XmlNode): WorkingPeriod {
  const where = 'WorkingPeriod';
  const names = required(childText(node, 'DayOfWeek'), `${where}.DayOfWeek`).trim().split(/\s+/);
  const days = new Set<Weekday>();
  for (const name of names)
    for (const day of GROUPS[dayOfWeek.fromText(name, `${where}.DayOfWeek`)]) days.add(day);
  const startMinutes = required(
    childValue(node, 'StartTimeInMinutes', int, where),
    `${where}.StartTimeInMinutes`,
  );
  const endMinutes = required(childValue(node, 'EndTimeInMinutes', int, where), `${where}.EndTimeInMinutes`);
  if (startMinutes < 0 || endMinutes > MINUTES_PER_DAY || startMinutes > endMinutes)
    throw broken(`a WorkingPeriod from minute ${startMinutes} to ${endMinutes} of a day`);
  return { days: WEEKDAYS.filter((day) => days.has(day)), startMinutes, endMinutes };
}

/** t:WorkingHours, or undefined when the view has none. */
export function workingHoursFrom(node: XmlNode | undefined): WorkingHours | undefined {
  if (node === undefined) return undefined;
  const periods = children(child(node, 'WorkingPeriodArray'), 'WorkingPeriod');
  if (child(node, 'WorkingPeriodArray') === undefined)
    throw broken('WorkingHours without WorkingPeriodArray');
  if (periods.length > MAX_WORKING_PERIODS)
    throw broken(`${periods.length} WorkingPeriods (at most ${MAX_WORKING_PERIODS})`);
  return {
    timeZone: availabilityTimeZone(child(node, 'TimeZone'), 'WorkingHours.TimeZone'),
    periods: periods.map(readPeriod),
  };
}

/** Local wall-clock ms (as if UTC) of a yearly transition; DayOrder 5 is the month's last such weekday. */
function transitionLocalMs(t: TimeZoneTransition, year: number): number {
  const weekday = WEEKDAYS.indexOf(t.dayOfWeek as Weekday);
  const first = Date.UTC(year, t.month - 1, 1);
  let day = 1 + ((Math.max(0, weekday) - instant(first).getUTCDay() + 7) % 7) + (t.dayOrder - 1) * 7;
  const daysInMonth = instant(Date.UTC(year, t.month, 0)).getUTCDate();
  while (day > daysInMonth) day -= 7;
  const [h = 0, m = 0, s = 0] = t.time.split(':').map(Number);
  return Date.UTC(year, t.month - 1, day) + ((h * 60 + m) * 60 + s) * 1000;
}

/** The total bias (minutes) in effect at a local wall-clock time. */
export function biasAtLocal(zone: AvailabilityTimeZone, localMs: number): number {
  const { standardTime: standard, daylightTime: daylight } = zone;
  if (standard.month === 0 || daylight.month === 0) return zone.bias + standard.bias;
  const year = instant(localMs).getUTCFullYear();
  const dstStart = transitionLocalMs(daylight, year);
  const dstEnd = transitionLocalMs(standard, year);
  const inDst =
    dstStart < dstEnd ? localMs >= dstStart && localMs < dstEnd : localMs >= dstStart || localMs < dstEnd;
  return zone.bias + (inDst ? daylight.bias : standard.bias);
}

/** The UTC instant of a local wall-clock time in `zone`. */
export function localToUtc(zone: AvailabilityTimeZone, localMs: number): number {
  return localMs + biasAtLocal(zone, localMs) * 60_000;
}

/**
 * The working time of `hours` within [start, end) as UTC intervals, sorted and merged (a period
 * ending at 1440 joins the next day's period from 0). Each local day's period is placed by the
 * zone's rules on that day, so a 09:00 start stays 09:00 local across daylight-saving changes.
 */
export function workingIntervals(hours: WorkingHours, start: Date, end: Date): TimeInterval[] {
  const from = start.getTime();
  const to = end.getTime();
  if (!(from < to)) return [];
  const raw: [number, number][] = [];
  // Local days that can overlap the window: the zone's bias is at most ±16 hours.
  const firstDay = Math.floor((from - DAY_MS) / DAY_MS) * DAY_MS;
  for (let day = firstDay; day <= to + DAY_MS; day += DAY_MS) {
    const weekday = WEEKDAYS[instant(day).getUTCDay()] as Weekday;
    for (const period of hours.periods) {
      if (!period.days.includes(weekday) || period.startMinutes === period.endMinutes) continue;
      const s = Math.max(from, localToUtc(hours.timeZone, day + period.startMinutes * 60_000));
      const e = Math.min(to, localToUtc(hours.timeZone, day + period.endMinutes * 60_000));
      if (s < e) raw.push([s, e]);
    }
  }
  return mergeIntervals(raw).map(([s, e]) => ({ start: instant(s), end: instant(e) }));
}

/** Sorted, overlapping or touching intervals joined. */
export function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
