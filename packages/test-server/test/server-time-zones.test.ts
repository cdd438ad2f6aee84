import { loadVectors } from '@ews-tools/vectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the generator is plain JavaScript run by Node, without type declarations.
import { generateTimeZones } from '../scripts/generate-time-zones.mjs';
import { SERVER_TIME_ZONES } from '../src/calendar/time-zone-table.js';
import type { WindowsTimeZone, ZoneGroup } from '../src/calendar/windows-time-zone.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const DAY_MS = 86_400_000;

/** Minutes east of UTC at an instant, read independently from Intl. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(iana: string, ms: number): number {
  let format = formats.get(iana);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' });
    formats.set(iana, format);
  }
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name ?? '');
  if (m === null) throw new Error(`offset ${name}`);
  if (m[1] === undefined) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The local date a yearly rule falls on (Occurrence -1: the last such weekday). */
function ruleDay(year: number, month: number, dayOfWeek: string, occurrence: number): number {
  const weekday = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].indexOf(
    dayOfWeek,
  );
  if (occurrence === -1) {
    const last = Date.UTC(year, month, 0);
    return last - ((new Date(last).getUTCDay() - weekday + 7) % 7) * DAY_MS;
  }
  const firstDay = Date.UTC(year, month - 1, 1);
  return (
    firstDay + ((weekday - new Date(firstDay).getUTCDay() + 7) % 7) * DAY_MS + (occurrence - 1) * 7 * DAY_MS
  );
}

/** The offset a group's rules give at a local noon (noon: far from every switch). */
function ruleOffset(group: ZoneGroup, year: number, localNoon: number): number {
  const offsetOf = (name: string) => group.periods.find((p) => p.name === name)!.offsetMinutes;
  let current: string | undefined;
  let latest = Number.NEGATIVE_INFINITY;
  const switches = group.transitions.map((t) => {
    if (t.month === undefined) return { at: Number.NEGATIVE_INFINITY, to: t.to };
    const day =
      t.dayOfWeek === undefined
        ? Date.UTC(year, t.month - 1, t.day ?? 1)
        : ruleDay(year, t.month, t.dayOfWeek, t.occurrence ?? 1);
    return { at: day + (t.minutes ?? 0) * 60_000, to: t.to };
  });
  // Before the year's first switch, the year's last one is in effect (it carried over from last year).
  const last = [...switches].sort((a, b) => a.at - b.at).at(-1)!;
  current = last.to;
  for (const s of switches) {
    if (s.at <= localNoon && s.at >= latest) {
      latest = s.at;
      current = s.to;
    }
  }
  return offsetOf(current);
}

function groupFor(zone: WindowsTimeZone, year: number): ZoneGroup {
  return [...zone.groups].reverse().find((g) => g.year <= year) ?? zone.groups[0]!;
}

describe('the Windows time zone table', () => {
  it('is what the generator writes today (run scripts/generate-time-zones.mjs after a change)', () => {
    expect(SERVER_TIME_ZONES).toEqual(generateTimeZones().zones);
  });

  it("lists every Windows id of CLDR's windowsZones once, each with a display name carrying its offset", () => {
    const map = loadVectors('windows-zones-map') as { ms_to_iana: Record<string, string> };
    const ids = Object.keys(map.ms_to_iana).filter((id) => !id.startsWith('tzone://'));
    expect(SERVER_TIME_ZONES.map((z) => z.id).sort()).toEqual(ids.sort());
    expect(SERVER_TIME_ZONES.length).toBeGreaterThan(130);
    for (const zone of SERVER_TIME_ZONES) {
      expect(zone.name, zone.id).toMatch(/^\(UTC(?:[+-]\d\d:\d\d)?\) \S/);
      expect(zone.iana, zone.id).toBe(map.ms_to_iana[zone.id]);
    }
  });

  it('every transition names a period of its own group, and the groups start in increasing years', () => {
    for (const zone of SERVER_TIME_ZONES) {
      const years = zone.groups.map((g) => g.year);
      expect(years, zone.id).toEqual([...years].sort((a, b) => a - b));
      for (const group of zone.groups) {
        const names = group.periods.map((p) => p.name);
        expect(new Set(names).size, zone.id).toBe(names.length);
        for (const t of group.transitions) expect(names, zone.id).toContain(t.to);
      }
    }
  });

  it("every zone's rules give Intl's offset at noon on the 1st and 15th of each month, 2006-2037", () => {
    const wrong: string[] = [];
    for (const zone of SERVER_TIME_ZONES) {
      for (let year = 2006; year <= 2037; year += year < 2028 ? 1 : 3) {
        const group = groupFor(zone, year);
        for (let month = 0; month < 12; month++) {
          for (const day of [1, 15]) {
            const localNoon = Date.UTC(year, month, day, 12);
            const offset = ruleOffset(group, year, localNoon);
            const actual = intlOffset(zone.iana, localNoon - offset * 60_000);
            if (actual !== offset) wrong.push(`${zone.id} ${new Date(localNoon).toISOString()}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('GetServerTimeZones', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('answers every Windows zone with full data by default (ReturnFullTimeZoneData defaults to true)', async () => {
    const reply = await h.call('alice', '<m:GetServerTimeZones/>');
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const definitions = findAll(reply.doc, 'TimeZoneDefinition');
    expect(definitions.map((d) => d.attrs.Id)).toEqual(SERVER_TIME_ZONES.map((z) => z.id));
    expect(definitions.length).toBeGreaterThan(130);
    expect(definitions.every((d) => findAll(d, 'Period').length > 0)).toBe(true);
  });

  it('honours Ids (in the order asked) and ReturnFullTimeZoneData="false" (Id and Name only)', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetServerTimeZones ReturnFullTimeZoneData="false"><m:Ids>' +
        '<t:Id>Pacific Standard Time</t:Id><t:Id>Eastern Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
    );
    const definitions = findAll(reply.doc, 'TimeZoneDefinition');
    expect(definitions.map((d) => [d.attrs.Id, d.attrs.Name])).toEqual([
      ['Pacific Standard Time', '(UTC-08:00) Pacific Time (US & Canada)'],
      ['Eastern Standard Time', '(UTC-05:00) Eastern Time (US & Canada)'],
    ]);
    expect(definitions.every((d) => d.children.length === 0)).toBe(true);
  });

  it('a full definition has Periods, TransitionsGroups and Transitions as Exchange writes them', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetServerTimeZones><m:Ids><t:Id>Pacific Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
    );
    const pacific = first(reply.doc, 'TimeZoneDefinition');
    expect(findAll(pacific, 'Period').map((p) => [p.attrs.Bias, p.attrs.Id])).toEqual([
      ['PT480M', 'trule:Microsoft/Registry/Pacific Standard Time/2006-Standard'],
      ['PT420M', 'trule:Microsoft/Registry/Pacific Standard Time/2006-Daylight'],
      ['PT480M', 'trule:Microsoft/Registry/Pacific Standard Time/2007-Standard'],
      ['PT420M', 'trule:Microsoft/Registry/Pacific Standard Time/2007-Daylight'],
    ]);
    expect(findAll(pacific, 'TransitionsGroup').map((g) => g.attrs.Id)).toEqual(['0', '1']);
    const current = findAll(pacific, 'TransitionsGroup')[1]!;
    expect(texts(current, 'Month')).toEqual(['3', '11']);
    expect(texts(current, 'Occurrence')).toEqual(['2', '1']);
    const transitions = first(pacific, 'Transitions');
    expect(transitions.children.map((c) => [c.name, texts(c, 'To')[0], texts(c, 'DateTime')[0]])).toEqual([
      ['Transition', '0', undefined],
      ['AbsoluteDateTransition', '1', '2007-01-01T00:00:00'],
    ]);
  });

  it('an unknown id fails the request instead of being left out', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetServerTimeZones><m:Ids><t:Id>UTC</t:Id><t:Id>Nowhere Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
  });
});
