import { protocolError } from '../errors.js';
import { parseDateTimeMs } from './date-time.js';
import { scalarKind } from './kind.js';
import { PlainDate } from './plain-date.js';

// xs:date may carry a zone (`2000-01-01Z`, `2000-01-01+01:00`); a date has no instant, so it is dropped.
const XS_DATE = /^(\d{4}-\d\d-\d\d)(?:Z|[+-]\d\d:\d\d)?$/;
const DAY_MS = 86_400_000;

function readDate(value: string, where: string): PlainDate | undefined {
  const trimmed = value.trim();
  const dateOnly = XS_DATE.exec(trimmed);
  try {
    if (dateOnly !== null) return PlainDate.parse(dateOnly[1]!);
    const ms = parseDateTimeMs(trimmed);
    if (Number.isNaN(ms)) return undefined;
    // Exchange keeps these dates as the midnight of some zone (or 11:59 UTC when written by
    // other clients): the nearest UTC midnight is the intended day for zones UTC−11…UTC+12.
    return PlainDate.fromUtcDate(new Date(Math.floor((ms + DAY_MS / 2) / DAY_MS) * DAY_MS));
  } catch (error) {
    throw protocolError(`${where}: not a calendar date`, error);
  }
}

function dateKind(name: string, toText: (value: PlainDate) => string) {
  return scalarKind<PlainDate>({
    name,
    accepts: (value): value is PlainDate => value instanceof PlainDate,
    toText,
    fromText(value, where) {
      const date = readDate(value, where);
      if (date === undefined) throw protocolError(`${where}: expected a date`);
      return date;
    },
  });
}

/** xs:date elements (e.g. recurrence start dates): `2024-03-01`. */
export const date = dateKind('date', (value) => value.toString());

/**
 * Dates that EWS declares as xs:dateTime (Contact.Birthday, Task.DueDate): written as midnight
 * UTC, read as the nearest UTC midnight's date.
 */
export const dateAsDateTime = dateKind('dateAsDateTime', (value) => `${value.toString()}T00:00:00Z`);
