import { protocolError } from '../errors.js';
import { scalarKind } from './kind.js';
import { PlainDate } from './plain-date.js';
import { readDate, readDateTime } from './xs-calendar.js';

const DAY_MS = 86_400_000;

/** An xs:date (its zone, if any, checked and dropped) or an xs:dateTime, as the calendar date meant. */
function readCalendarDate(value: string, where: string): PlainDate {
  const trimmed = value.trim();
  const date = readDate(trimmed);
  if (date !== undefined) return PlainDate.of(date.year, date.month, date.day);
  const instant = readDateTime(trimmed);
  if (instant === undefined) throw protocolError(`${where}: expected a date with every field in range`);
  // Exchange keeps these dates as the midnight of some zone (or 11:59 UTC when written by
  // other clients): the nearest UTC midnight is the intended day for zones UTC−11…UTC+12.
  const midnight = new Date(Math.floor((instant.ms + DAY_MS / 2) / DAY_MS) * DAY_MS);
  try {
    return PlainDate.fromUtcDate(midnight);
  } catch (error) {
    // The nearest midnight of 9999-12-31T12:00Z or later is in the year 10000.
    throw protocolError(`${where}: not a calendar date of the years 0001–9999`, error);
  }
}

function dateKind(name: string, toText: (value: PlainDate) => string) {
  return scalarKind<PlainDate>({
    name,
    accepts: (value): value is PlainDate => value instanceof PlainDate,
    toText,
    fromText: readCalendarDate,
  });
}

/** xs:date elements (e.g. recurrence start dates): `2024-03-01`. */
export const date = dateKind('date', (value) => value.toString());

/**
 * Dates that EWS declares as xs:dateTime (Contact.Birthday, Task.DueDate): written as midnight
 * UTC, read as the nearest UTC midnight's date.
 */
export const dateAsDateTime = dateKind('dateAsDateTime', (value) => `${value.toString()}T00:00:00Z`);
