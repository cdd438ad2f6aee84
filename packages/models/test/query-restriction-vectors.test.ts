import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  ContactModel,
  type ExchangeVersion,
  extendedField,
  type Filter,
  type FilterBuilder,
  FolderModel,
  filterFor,
  indexedField,
  MessageModel,
  type Model,
  PlainDate,
  type PropertyPath,
  queryStringXml,
  restrictionXml,
  TaskModel,
} from '../src/index.js';
import { intlOffsets } from '../src/timezones/intl-offsets.js';
import { canonicalXml, unpretty } from './helpers/canonical-xml.js';
import { errorCodeOf } from './helpers/error-code.js';
import { findFolderEnvelope, findItemEnvelope } from './helpers/find-envelopes.js';

// The JSON query trees of restriction.json (exchangelib's Q objects written as data).
type Q =
  | { field: string; value: unknown; lookup?: string }
  | { and: Q[] }
  | { or: Q[] }
  | { not: Q }
  | { querystring: string }
  | { empty: true };

interface Vector {
  id: string;
  folder: string;
  applies_to?: 'folders';
  server_version: ExchangeVersion;
  q: Q;
  expected_xml?: string;
  expected_xml_pretty?: string;
  expected_error?: { class: string; message: string };
  is_never?: boolean;
  is_empty?: boolean;
}

const file = loadVectors('restriction') as {
  verbatim_from_tests: Vector[];
  generated: { restrictions: Vector[] };
};
const VECTORS: readonly Vector[] = [...file.verbatim_from_tests, ...file.generated.restrictions];

const MODEL_BY_FOLDER: Readonly<Record<string, Model>> = {
  Inbox: MessageModel,
  Calendar: CalendarItemModel,
  Contacts: ContactModel,
  Tasks: TaskModel,
  Root: FolderModel,
};

// exchangelib field paths that are not model fields here: indexed contact entries and the
// extended properties its tests register. They map onto indexedField / extendedField.
const PATHS: Readonly<Record<string, PropertyPath>> = {
  email_addresses__EmailAddress1: indexedField('contacts:EmailAddress', 'EmailAddress1'),
  phone_numbers__MobilePhone: indexedField('contacts:PhoneNumber', 'MobilePhone'),
  physical_addresses__Home__street: indexedField('contacts:PhysicalAddress:Street', 'Home'),
  extern_id: extendedField({
    propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
    propertyName: 'External ID',
    propertyType: 'String',
  }),
  flag: extendedField({ propertyTag: '0x1090', propertyType: 'Integer' }),
};

// Names that differ from the camelCase rule of scripts/item-tables.mjs.
const NAMES: Readonly<Record<string, string>> = { name: 'displayName' };

function fieldRef(name: string): string | PropertyPath {
  const path = PATHS[name];
  if (path !== undefined) return path;
  return (
    NAMES[name] ??
    name.replace(/^datetime_/, 'date_time_').replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  );
}

/** A wall-clock time in an IANA zone as the instant it denotes (exchangelib's aware datetime). */
function zoned(local: string, zone: string): Date {
  const offsetAt = intlOffsets(zone);
  const wall = Date.parse(`${local}Z`);
  let instant = wall - offsetAt(wall) * 60_000;
  instant = wall - offsetAt(instant) * 60_000;
  return new Date(instant);
}

function value(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const v = raw as { datetime?: string; tz?: string | null; date?: string };
  if (v.date !== undefined) return PlainDate.parse(v.date);
  // A JS Date is always an instant: exchangelib's naive datetime has no equivalent, the
  // nearest is an invalid Date, which must be refused the same way.
  if (v.datetime !== undefined) return v.tz == null ? new Date(Number.NaN) : zoned(v.datetime, v.tz);
  return raw;
}

type AnyBuilder = FilterBuilder<Model> & Record<string, (...args: never[]) => Filter>;

// exchangelib's lookups and the builder call for each (with the value converted).
function lookup(q: AnyBuilder, leaf: { field: string; value: unknown; lookup?: string }): Filter {
  const f = fieldRef(leaf.field) as never;
  const v = Array.isArray(leaf.value) ? leaf.value.map(value) : value(leaf.value);
  switch (leaf.lookup ?? 'eq') {
    case 'not':
      return q.ne(f, v as never);
    case 'range': {
      const [from, to] = v as unknown[];
      return q.range(f, from as never, to as never);
    }
    case 'in':
      return q.in(f, v as never);
    case 'exists':
      return v === true ? q.exists(f) : q.not(q.exists(f));
    case 'contains':
      // exchangelib: a list value on a list field means "holds every one of them".
      return Array.isArray(v) ? q.hasAll(f, v as never) : q.contains(f, v as string);
    case 'istartswith':
      return q.iStartsWith(f, v as string);
    case 'startswith':
      return q.startsWith(f, v as string);
    default: {
      const method = q[leaf.lookup ?? 'eq'];
      if (method === undefined) throw new Error(`no lookup ${leaf.lookup}`);
      return (method as (a: unknown, b: unknown) => Filter)(f, v);
    }
  }
}

function build(q: AnyBuilder, tree: Q): Filter {
  if ('and' in tree) return q.and(...tree.and.map((t) => build(q, t)));
  if ('or' in tree) return q.or(...tree.or.map((t) => build(q, t)));
  if ('not' in tree) return q.not(build(q, tree.not));
  if ('empty' in tree) return q.all();
  if ('querystring' in tree) throw new Error('query strings are not filters');
  return lookup(q, tree);
}

/** What we produce for a vector: the XML we would send, or the outcome. */
function produce(vector: Vector): string {
  const version = vector.server_version;
  if ('querystring' in vector.q) return queryStringXml(vector.q.querystring, { version }).xml;
  const model = MODEL_BY_FOLDER[vector.folder];
  if (model === undefined) throw new Error(`no model for folder ${vector.folder}`);
  const result = restrictionXml(build(filterFor(model) as AnyBuilder, vector.q), { version });
  return result.matches === 'some' ? result.xml.xml : `(${result.matches})`;
}

// Where we deliberately send something else than exchangelib, and why.
const DIFFERENCES: Readonly<Record<string, { reason: string; expected: (xml: string) => string }>> = {
  'contact-date-backed': {
    reason:
      'exchangelib sends a birthday as 11:59 UTC; our dateAsDateTime kind writes midnight UTC ' +
      '(what toXml puts in CreateItem), so a restriction matches the value we store',
    expected: (xml) => xml.replace('1980-02-03T11:59:00Z', '1980-02-03T00:00:00Z'),
  },
};

describe('restriction.json: every exchangelib restriction vector', () => {
  it('covers all 58 vectors', () => {
    expect(VECTORS).toHaveLength(58);
  });

  for (const vector of VECTORS) {
    it(vector.id, () => {
      if (vector.expected_error !== undefined) {
        expect(errorCodeOf(() => produce(vector))).toBe('EWS_INVALID_ARGUMENT');
        return;
      }
      if (vector.is_never === true) return expect(produce(vector)).toBe('(none)');
      if (vector.is_empty === true) return expect(produce(vector)).toBe('(all)');
      const raw = vector.expected_xml ?? unpretty(vector.expected_xml_pretty ?? '');
      expect(raw).not.toBe('');
      const expected = DIFFERENCES[vector.id]?.expected(raw) ?? raw;
      expect(canonicalXml(produce(vector))).toBe(canonicalXml(expected));
    });
  }

  it('names the refused field and the reason, never the value', () => {
    const byId = new Map(VECTORS.map((v) => [v.id, v]));
    const messageOf = (id: string): string => {
      try {
        produce(byId.get(id)!);
      } catch (error) {
        return (error as Error).message;
      }
      return 'did not throw';
    };
    expect(messageOf('task-status')).toMatch(/does not support filtering on Task\.status \(task:Status\)/);
    expect(messageOf('error-not-searchable')).toMatch(/CalendarItem\.requiredAttendees/);
    expect(messageOf('error-unknown-field')).toMatch(/no field named 'nonexistentField'/);
    expect(messageOf('querystring-Exchange2007')).toMatch(/Exchange2010 or newer/);
    expect(messageOf('error-not-searchable')).not.toContain('x@example.com');
  });

  it('every Restriction and QueryString we produce is valid inside a FindItem/FindFolder request', async () => {
    const documents: string[] = [];
    const names: string[] = [];
    for (const vector of VECTORS) {
      if (vector.expected_error !== undefined || vector.is_never || vector.is_empty) continue;
      const xml = produce(vector);
      const version = vector.server_version;
      documents.push(
        vector.applies_to === 'folders'
          ? findFolderEnvelope(version, { restriction: xml })
          : findItemEnvelope(
              version,
              xml.startsWith('<m:QueryString') ? { queryString: xml } : { restriction: xml },
            ),
      );
      names.push(vector.id);
    }
    expect(documents.length).toBeGreaterThanOrEqual(45);
    const results = await validateEws(documents, { names });
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
    expect(results).toHaveLength(documents.length);
  });
});
