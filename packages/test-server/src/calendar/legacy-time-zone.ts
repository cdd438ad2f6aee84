import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { WEEKDAYS } from './recurrence-patterns.js';

/** One side of a t:SerializableTimeZone: bias and the yearly transition into it. */
interface Transition {
  readonly bias: number;
  readonly month: number;
  readonly dayOrder: number;
  readonly weekday: number;
  readonly minutes: number;
}

/** The legacy time zone GetUserAvailability uses: UTC = local + bias (minutes). */
export interface LegacyTimeZone {
  readonly bias: number;
  readonly standard: Transition | undefined;
  readonly daylight: Transition | undefined;
}

export const UTC_ZONE: LegacyTimeZone = { bias: 0, standard: undefined, daylight: undefined };

function transition(el: XmlElement | undefined): Transition | undefined {
  if (el === undefined) return undefined;
  const [h = '0', m = '0'] = (childText(el, 'Time') ?? '00:00:00').split(':');
  return {
    bias: Number(childText(el, 'Bias') ?? '0'),
    month: Number(childText(el, 'Month') ?? '0'),
    dayOrder: Number(childText(el, 'DayOrder') ?? '1'),
    weekday: Math.max(
      0,
      WEEKDAYS.indexOf((childText(el, 'DayOfWeek') ?? 'Sunday') as (typeof WEEKDAYS)[number]),
    ),
    minutes: Number(h) * 60 + Number(m),
  };
}

export function parseLegacyTimeZone(el: XmlElement | undefined): LegacyTimeZone {
  if (el === undefined) return UTC_ZONE;
  return {
    bias: Number(childText(el, 'Bias') ?? '0'),
    standard: transition(child(el, 'StandardTime')),
    daylight: transition(child(el, 'DaylightTime')),
  };
}

/** Local wall-clock ms (as if UTC) of the transition in `year`; DayOrder 5 means the last such weekday. */
function transitionLocal(t: Transition, year: number): number {
  const first = Date.UTC(year, t.month - 1, 1);
  let day = 1 + ((t.weekday - new Date(first).getUTCDay() + 7) % 7) + (t.dayOrder - 1) * 7;
  const daysInMonth = new Date(Date.UTC(year, t.month, 0)).getUTCDate();
  while (day > daysInMonth) day -= 7;
  return Date.UTC(year, t.month - 1, day) + t.minutes * 60_000;
}

/** Total bias (minutes) in effect at a local wall-clock time. */
function biasAtLocal(zone: LegacyTimeZone, localMs: number): number {
  const { standard, daylight } = zone;
  if (!standard || !daylight || standard.month === 0 || daylight.month === 0)
    return zone.bias + (standard?.bias ?? 0);
  const year = new Date(localMs).getUTCFullYear();
  const dstStart = transitionLocal(daylight, year);
  const dstEnd = transitionLocal(standard, year);
  const inDst =
    dstStart < dstEnd ? localMs >= dstStart && localMs < dstEnd : localMs >= dstStart || localMs < dstEnd;
  return zone.bias + (inDst ? daylight.bias : standard.bias);
}

/** Reads a request date-time: with an offset or Z it is absolute, otherwise local to `zone`. */
export function localToUtc(zone: LegacyTimeZone, text: string): Date {
  if (/(Z|[+-]\d\d:\d\d)$/.test(text)) return new Date(text);
  const localMs = new Date(`${text}Z`).getTime();
  return new Date(localMs + biasAtLocal(zone, localMs) * 60_000);
}

/** Writes a UTC instant as local wall-clock time without offset, as availability responses do. */
export function utcToLocal(zone: LegacyTimeZone, date: Date): string {
  // The bias depends on local time; one refinement step is exact except inside the skipped hour.
  const guess = date.getTime() - biasAtLocal(zone, date.getTime()) * 60_000;
  const local = date.getTime() - biasAtLocal(zone, guess) * 60_000;
  return new Date(local).toISOString().slice(0, 19);
}
