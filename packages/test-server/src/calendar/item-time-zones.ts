import { ResponseError } from '../operations/operation-context.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { DAY_MS } from './recurrence-patterns.js';
import { serverTimeZone } from './time-zone-table.js';
import type { WindowsTimeZone } from './windows-time-zone.js';
import { ianaZone, ZonedClock } from './zoned-time.js';

/** The zones an item names: StartTimeZone/EndTimeZone (Exchange 2010+) or MeetingTimeZone (2007). */
export interface ItemTimeZones {
  readonly timeZone?: string;
  readonly endTimeZone?: string;
}

/** A Windows id the server knows, canonical (tzone://Microsoft/Utc is UTC); anything else is ErrorTimeZone. */
export function knownZoneId(id: string | undefined, element: string): string {
  const zone = serverTimeZone(id?.trim());
  if (zone === undefined) {
    // Exchange refuses a zone it cannot resolve instead of saving the item in another zone.
    throw new ResponseError('ErrorTimeZone', `${element}: unknown time zone id.`);
  }
  return zone.id;
}

/** Reads the item's zones; an element without a known Id fails the item (ErrorTimeZone). */
export function parseItemTimeZones(itemEl: XmlElement): ItemTimeZones {
  const startEl = child(itemEl, 'StartTimeZone');
  const endEl = child(itemEl, 'EndTimeZone');
  const legacyEl = child(itemEl, 'MeetingTimeZone');
  const start =
    startEl !== undefined
      ? knownZoneId(startEl.attrs.Id, 'StartTimeZone')
      : legacyEl !== undefined
        ? knownZoneId(legacyEl.attrs.TimeZoneName, 'MeetingTimeZone')
        : undefined;
  const end = endEl === undefined ? undefined : knownZoneId(endEl.attrs.Id, 'EndTimeZone');
  return {
    ...(start === undefined ? {} : { timeZone: start }),
    ...(end === undefined ? {} : { endTimeZone: end }),
  };
}

/** The zone an item's start (or end) is kept in: what it was saved with, else UTC. */
export function startZoneOf(data: ItemTimeZones): WindowsTimeZone {
  return serverTimeZone(data.timeZone) ?? serverTimeZone('UTC')!;
}

export function endZoneOf(data: ItemTimeZones): WindowsTimeZone {
  return serverTimeZone(data.endTimeZone) ?? startZoneOf(data);
}

function localMidnight(utcMs: number, zoneId: string, roundUp: boolean): number {
  const clock = new ZonedClock(ianaZone(zoneId));
  const local = clock.toLocal(utcMs);
  let day = Math.floor(local / DAY_MS) * DAY_MS;
  if (roundUp && day !== local) day += DAY_MS;
  return clock.toUtc(day);
}

/** What all-day snapping reads of an item. */
export interface AllDayTimes extends ItemTimeZones {
  readonly start: Date;
  readonly end: Date;
  readonly isAllDay: boolean;
}

/**
 * An all-day event spans whole local days: Exchange moves a start that is not midnight back to the
 * previous midnight in StartTimeZone, and an end forward to the next midnight in EndTimeZone (see
 * "Create all-day events by using EWS"). Not UTC midnight: a Europe/Oslo day starts at 23:00Z.
 */
export function allDayBounds(times: AllDayTimes): { start: Date; end: Date } {
  if (!times.isAllDay) return { start: times.start, end: times.end };
  return {
    start: new Date(localMidnight(times.start.getTime(), startZoneOf(times).id, false)),
    end: new Date(localMidnight(times.end.getTime(), endZoneOf(times).id, true)),
  };
}

/** What UpdateItem needs to change a zone: the element inside SetItemField's item, or none (delete). */
export interface ZoneUpdater {
  readonly uri: string;
  readonly xml: string;
  readonly apply: (data: { timeZone?: string; endTimeZone?: string }, value: XmlElement | undefined) => void;
}

/**
 * SetItemField/DeleteItemField on the zones. A deleted zone falls back as on create (the start zone to
 * UTC, the end zone to the start zone); an unknown id is ErrorTimeZone.
 */
export const TIME_ZONE_UPDATERS: readonly ZoneUpdater[] = [
  {
    uri: 'calendar:StartTimeZone',
    xml: 'StartTimeZone',
    apply: (data, value) => {
      if (value === undefined) delete data.timeZone;
      else data.timeZone = knownZoneId(value.attrs.Id, 'StartTimeZone');
    },
  },
  {
    uri: 'calendar:EndTimeZone',
    xml: 'EndTimeZone',
    apply: (data, value) => {
      if (value === undefined) delete data.endTimeZone;
      else data.endTimeZone = knownZoneId(value.attrs.Id, 'EndTimeZone');
    },
  },
  {
    uri: 'calendar:MeetingTimeZone',
    xml: 'MeetingTimeZone',
    apply: (data, value) => {
      if (value === undefined) delete data.timeZone;
      else data.timeZone = knownZoneId(value.attrs.TimeZoneName, 'MeetingTimeZone');
    },
  },
];
