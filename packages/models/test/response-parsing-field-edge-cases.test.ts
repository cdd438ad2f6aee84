import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { CalendarItemModel, fromXml } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';
import { pick, rootOf, type XmlNode } from './helpers/xml.js';

// response-parsing.json vectors about single field values that test/response-parsing.test.ts
// does not cover: date-only values with a zone suffix and an unknown time zone id.
interface Vector {
  id: string;
  xml?: string;
  expected?: unknown;
}
const VECTORS = new Map(
  (loadVectors('response-parsing') as { vectors: Vector[] }).vectors.map((v) => [v.id, v]),
);
function vectorXml(id: string): string {
  const xml = VECTORS.get(id)?.xml;
  if (xml === undefined) throw new Error(`no vector ${id} with xml`);
  return xml;
}

function itemNode(xml: string): XmlNode {
  return pick(rootOf(xml, 'Envelope'), 'Item');
}

describe('response-parsing.json: date-with-tz-suffix-*', () => {
  it.each(['date-with-tz-suffix-1', 'date-with-tz-suffix-2'])(
    '%s: a date-only Start is refused with its path (deliberate difference)',
    (id) => {
      // exchangelib's DateOrDateTimeField turns `2017-06-21Z` / `2017-06-21+01:00` into the date
      // 2017-06-21. The EWS schema types CalendarItem.Start as xs:dateTime, and Exchange sends
      // all-day events as midnight instants, so we keep Start a Date and refuse a value that is
      // not an xs:dateTime with EWS_PROTOCOL naming the element (never the value).
      expect(VECTORS.get(id)?.expected).toEqual({ _date: '2017-06-21' });
      const node = itemNode(vectorXml(id));
      expect(errorCodeOf(() => fromXml(CalendarItemModel, node))).toBe('EWS_PROTOCOL');
      expect(() => fromXml(CalendarItemModel, node)).toThrow(/CalendarItem\.Start/);
      expect(() => fromXml(CalendarItemModel, node)).not.toThrow(/2017-06-21/);
    },
  );

  it('the same day written as an instant parses to that instant', () => {
    const xml = vectorXml('date-with-tz-suffix-1').replace('2017-06-21Z', '2017-06-21T00:00:00Z');
    const item = fromXml(CalendarItemModel, itemNode(xml));
    expect(item.start?.toISOString()).toBe('2017-06-21T00:00:00.000Z');
  });
});

describe('response-parsing.json: timezone-field-unknown-id', () => {
  it('the vector element is unknown to the model and ignored', () => {
    // The vector uses a placeholder element <t:Foo>; no model has it, so nothing is read.
    expect(fromXml(CalendarItemModel, itemNode(vectorXml('timezone-field-unknown-id')))).toEqual({});
  });

  it('an unknown Windows zone id in StartTimeZone is kept as sent (deliberate difference)', () => {
    // exchangelib yields null plus a warning. We keep the server's id verbatim: the models layer
    // does not need to know every zone to read an item, and dropping it would lose data that a
    // later update must send back. Mapping to IANA happens only when a caller asks for it.
    const xml = vectorXml('timezone-field-unknown-id').replace(/Foo/g, 'StartTimeZone');
    const item = fromXml(CalendarItemModel, itemNode(xml));
    expect(item.startTimeZone).toEqual({ id: 'THIS_IS_GARBAGE' });
  });
});
