import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  fromXml,
  type TimeZoneDefinition,
  timeZoneDefinition,
  toXml,
} from '../src/index.js';
import { createItemEnvelope } from './helpers/envelopes.js';
import { pick, picks, rootOf, type XmlNode } from './helpers/xml.js';

// The get-server-time-zones vector of response-parsing.json: its TimeZoneDefinition read with
// the models' timeZoneDefinition kind and compared with what exchangelib parsed.
interface Vector {
  id: string;
  response_xml?: string;
  parsed_by_exchangelib?: unknown;
}
const VECTOR = (loadVectors('response-parsing') as { vectors: Vector[] }).vectors.find(
  (v) => v.id === 'get-server-time-zones',
);

interface Seconds {
  _timedelta_seconds: number;
}
interface ExchangelibZone {
  id: string;
  name: string;
  periods: { id: string; name: string; bias: Seconds }[];
  transitions_groups: {
    id: string;
    transitions: {
      to: string;
      kind: string;
      offset: Seconds;
      month: number;
      day_of_week: number;
      occurrence: number;
    }[];
  }[];
  transitions: { to: string; kind: string }[];
}

interface DurationValue {
  negative: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}
function secondsOf(value: unknown): number {
  const d = value as DurationValue;
  const total = ((d.days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds;
  return d.negative ? -total : total;
}

function definitionNodes(xml: string): readonly XmlNode[] {
  const body = pick(rootOf(xml, 'Envelope'), 'Body');
  const messages = pick(pick(body, 'GetServerTimeZonesResponse'), 'ResponseMessages');
  const definitions = pick(pick(messages, 'GetServerTimeZonesResponseMessage'), 'TimeZoneDefinitions');
  return picks(definitions, 'TimeZoneDefinition');
}

// exchangelib numbers weekdays Monday=1 … Sunday=7 and writes "last" (-1 on the wire) as 5.
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  Monday: 1,
  Tuesday: 2,
  Wednesday: 3,
  Thursday: 4,
  Friday: 5,
  Saturday: 6,
  Sunday: 7,
};

describe('response-parsing.json: get-server-time-zones', () => {
  if (VECTOR?.response_xml === undefined) throw new Error('no get-server-time-zones vector');
  const expected = VECTOR.parsed_by_exchangelib as ExchangelibZone[];
  const definitions = definitionNodes(VECTOR.response_xml).map((node, i) =>
    timeZoneDefinition.readElement(node, `TimeZoneDefinitions[${i}]`),
  );

  it('reads as many definitions as exchangelib, with the same ids, names and periods', () => {
    expect(definitions.length).toBe(expected.length);
    for (const [i, want] of expected.entries()) {
      const got = definitions[i] as TimeZoneDefinition;
      expect(got.id).toBe(want.id);
      expect(got.name).toBe(want.name);
      expect((got.periods ?? []).map((p) => ({ id: p.id, name: p.name, bias: secondsOf(p.bias) }))).toEqual(
        want.periods.map((p) => ({ id: p.id, name: p.name, bias: p.bias._timedelta_seconds })),
      );
      expect(got.transitions?.map((t) => t.to)).toEqual(
        want.transitions.map((t) => ({ kind: t.kind, id: t.to })),
      );
    }
  });

  it('reads the recurring transitions (deliberate difference: wire values are kept)', () => {
    // exchangelib turns DayOfWeek into 1..7 and Occurrence -1 ("last") into 5. We keep the
    // schema's values (the day name and -1) so a definition can be written back unchanged.
    for (const [i, want] of expected.entries()) {
      const groups = (definitions[i] as TimeZoneDefinition).transitionsGroups ?? [];
      expect(groups.map((g) => g.id)).toEqual(want.transitions_groups.map((g) => g.id));
      for (const [j, group] of groups.entries()) {
        const wantTransitions = want.transitions_groups[j]?.transitions ?? [];
        expect(
          group.transitions.map((t) => {
            if (t.type !== 'RecurringDay') return t.type;
            return {
              to: t.to.id,
              kind: t.to.kind,
              offset: secondsOf(t.timeOffset),
              month: t.month,
              dayOfWeek: WEEKDAY_NUMBERS[t.dayOfWeek],
              occurrence: t.occurrence === -1 ? 5 : t.occurrence,
            };
          }),
        ).toEqual(
          wantTransitions.map((t) => ({
            to: t.to,
            kind: t.kind,
            offset: t.offset._timedelta_seconds,
            month: t.month,
            dayOfWeek: t.day_of_week,
            occurrence: t.occurrence,
          })),
        );
      }
    }
  });

  it('a server definition used as StartTimeZone writes schema-valid XML and reads back equal', async () => {
    const start = definitions[0] as TimeZoneDefinition;
    const item = {
      subject: 'server zone',
      start: new Date('2024-03-01T09:00:00Z'),
      end: new Date('2024-03-01T10:00:00Z'),
      startTimeZone: start,
    };
    const xml = toXml(CalendarItemModel, item, { version: 'Exchange2013' }).xml;
    const results = await validateEws([createItemEnvelope(xml, 'Exchange2013')]);
    expect(results.filter((r) => !r.ok).map((r) => r.errors)).toEqual([]);
    expect(fromXml(CalendarItemModel, xml)).toEqual(item);
  });
});
