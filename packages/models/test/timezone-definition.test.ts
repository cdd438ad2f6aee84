import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  fromXml,
  ianaZoneForWindows,
  offsetAt,
  timeZoneDefinitionFor,
  toXml,
} from '../src/index.js';
import { biasForOffset, definitionFromOffsets } from '../src/timezones/definition-from-intl.js';
import { definitionOffsets } from '../src/timezones/definition-offsets.js';
import { intlOffsets, offsetChanges } from '../src/timezones/intl-offsets.js';
import { createItemEnvelope } from './helpers/envelopes.js';
import { errorCodeOf } from './helpers/error-code.js';

interface ZonesMap {
  ms_to_iana: Record<string, string>;
}
const windowsIds = Object.keys((loadVectors('windows-zones-map') as ZonesMap).ms_to_iana);
const FROM = 2018;
const TO = 2030;
const MINUTE = 60_000;

describe('TimeZoneDefinition from the runtime IANA data', () => {
  it('reproduces Intl offsets for every Windows zone, 2018–2030, incl. both sides of every change', () => {
    expect(windowsIds.length).toBeGreaterThan(130);
    const wrong: string[] = [];
    let checked = 0;
    for (const windowsId of windowsIds) {
      const iana = ianaZoneForWindows(windowsId) as string;
      const intl = intlOffsets(iana);
      const rules = definitionOffsets(timeZoneDefinitionFor(windowsId, { fromYear: FROM, toYear: TO }));
      const from = Date.UTC(FROM, 0, 2);
      const to = Date.UTC(TO, 11, 30);
      const instants: number[] = [];
      // A step that is not a whole number of days, so every time of day is visited.
      for (let t = from; t < to; t += 3 * 86_400_000 + 7 * 3_600_000 + 13 * MINUTE) instants.push(t);
      for (const change of offsetChanges(intl, from, to))
        instants.push(change.epochMs - MINUTE, change.epochMs);
      for (const t of instants) {
        checked++;
        const expected = intl(t);
        const actual = rules(new Date(t));
        if (actual !== expected && wrong.length < 20)
          wrong.push(`${windowsId} at ${new Date(t).toISOString()}: ${actual} != ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(windowsIds.length * 1000);
  }, 120_000); // 130+ zones × 13 years of Intl lookups, slow on a loaded machine

  it('writes one group for a zone whose rules did not change, with last-Sunday rules (Romance Standard Time)', () => {
    const definition = timeZoneDefinitionFor('Europe/Copenhagen', { fromYear: 2020, toYear: 2030 });
    expect(definition.id).toBe('Romance Standard Time');
    expect(definition.transitionsGroups).toHaveLength(1);
    expect(definition.periods?.map((p) => [p.name, p.bias?.negative, p.bias?.hours])).toEqual([
      ['Standard', true, 1],
      ['Daylight', true, 2],
    ]);
    const rules = definition.transitionsGroups?.[0]?.transitions;
    expect(
      rules?.map((r) =>
        r.type === 'RecurringDay' ? [r.month, r.dayOfWeek, r.occurrence, r.timeOffset.hours] : r.type,
      ),
    ).toEqual([
      [3, 'Sunday', -1, 2],
      [10, 'Sunday', -1, 3],
    ]);
    expect(offsetAt(definition, new Date('2025-07-01T00:00:00Z'))).toBe(120);
  });

  it('a zone that dropped DST gets a New-Year transition in the year it did (E. South America, 2019)', () => {
    const definition = timeZoneDefinitionFor('E. South America Standard Time', {
      fromYear: 2018,
      toYear: 2020,
    });
    const group2019 = definition.transitionsGroups?.[1];
    expect(group2019?.transitions.map((t) => t.type)).toEqual(['RecurringDate', 'RecurringDay']);
    expect(definition.transitions?.map((t) => (t.type === 'AbsoluteDate' ? t.dateTime : t.type))).toEqual([
      'Transition',
      '2019-01-01T00:00:00',
      '2020-01-01T00:00:00',
    ]);
  });

  it('a fixed offset source gives one period and a plain transition', () => {
    const definition = definitionFromOffsets('India Standard Time', () => 330, 2020, 2040);
    expect(definition.periods).toHaveLength(1);
    expect(definition.transitionsGroups?.[0]?.transitions).toEqual([
      {
        type: 'Transition',
        to: { kind: 'Period', id: 'trule:Microsoft/Registry/India Standard Time/2020-Standard' },
      },
    ]);
    expect(offsetAt(definition, new Date('1999-01-01T00:00:00Z'))).toBe(330);
  });

  it('gives the offsets of the timezones.json ewsformat vectors', () => {
    const { ewsformat } = loadVectors('timezones') as {
      ewsformat: { local: string; tz: string; expected: string }[];
    };
    expect(ewsformat.length).toBeGreaterThan(3);
    for (const vector of ewsformat) {
      const year = Number(vector.local.slice(0, 4));
      const definition = timeZoneDefinitionFor(vector.tz, { fromYear: year, toYear: year });
      const zone = /(Z|[+-]\d\d:\d\d)$/.exec(vector.expected)?.[1];
      const expected =
        zone === 'Z'
          ? 0
          : Number(zone?.slice(0, 3)) * 60 + Math.sign(Number(zone?.slice(0, 3))) * Number(zone?.slice(4));
      expect(offsetAt(definition, new Date(vector.expected)), vector.expected).toBe(expected);
    }
  });

  it('reads occurrence 5 (Windows’ "last") as the last weekday of the month', () => {
    const rule = (occurrence: number) => ({
      periods: [
        { id: 'std', bias: biasForOffset(60) },
        { id: 'dst', bias: biasForOffset(120) },
      ],
      transitionsGroups: [
        {
          id: '0',
          transitions: [3, 10].map((month) => ({
            type: 'RecurringDay' as const,
            to: { kind: 'Period' as const, id: month === 3 ? 'dst' : 'std' },
            timeOffset: {
              negative: false,
              years: 0,
              months: 0,
              days: 0,
              hours: month === 3 ? 2 : 3,
              minutes: 0,
              seconds: 0,
            },
            month,
            dayOfWeek: 'Sunday' as const,
            occurrence,
          })),
        },
      ],
      transitions: [{ type: 'Transition' as const, to: { kind: 'Group' as const, id: '0' } }],
    });
    // 2024: the last Sunday of March is the 31st (01:00Z), of October the 27th (01:00Z).
    for (const occurrence of [5, -1]) {
      const offsets = definitionOffsets(rule(occurrence));
      expect(offsets(new Date('2024-03-31T00:59:00Z'))).toBe(60);
      expect(offsets(new Date('2024-03-31T01:00:00Z'))).toBe(120);
      expect(offsets(new Date('2024-10-27T00:59:00Z'))).toBe(120);
      expect(offsets(new Date('2024-10-27T01:00:00Z'))).toBe(60);
    }
  });

  it('refuses unknown zones and bad year ranges', () => {
    expect(errorCodeOf(() => timeZoneDefinitionFor('Mars Standard Time'))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => timeZoneDefinitionFor('UTC', { fromYear: 2030, toYear: 2020 }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });

  it('StartTimeZone/EndTimeZone validate against the schema and parse back equal', async () => {
    const zones = [
      'Pacific Standard Time',
      'AUS Eastern Standard Time',
      'E. South America Standard Time',
      'UTC',
    ];
    const items = zones.map((zone) => ({
      subject: zone,
      start: new Date('2024-03-01T09:00:00Z'),
      end: new Date('2024-03-01T10:00:00Z'),
      startTimeZone: timeZoneDefinitionFor(zone, { fromYear: 2015, toYear: 2030 }),
      endTimeZone: { id: zone },
    }));
    const xml = items.map((item) => toXml(CalendarItemModel, item, { version: 'Exchange2013' }).xml);
    const results = await validateEws([createItemEnvelope(xml.join(''), 'Exchange2013')]);
    expect(results.filter((r) => !r.ok).map((r) => r.errors)).toEqual([]);
    for (const [i, text] of xml.entries()) expect(fromXml(CalendarItemModel, text)).toEqual(items[i]);
  });
});
