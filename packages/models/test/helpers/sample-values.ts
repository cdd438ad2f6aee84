import type { EnumKind, FieldDef, Model } from '../../src/index.js';
import { duration, PlainDate } from '../../src/index.js';

// One valid sample per kind, so a test can set every field of a table.
const BY_KIND: Readonly<Record<string, unknown>> = {
  text: 'sample & <text>',
  boolean: true,
  int: 7,
  decimal: 37.5,
  dateTime: new Date('2024-03-01T08:00:00Z'),
  date: PlainDate.of(2024, 3, 1),
  dateAsDateTime: PlainDate.of(1980, 2, 3),
  duration: duration({ hours: 1, minutes: 30 }),
  base64: Uint8Array.from([1, 2, 3, 250]),
  body: { bodyType: 'HTML', value: '<p>Hi\r\n</p>' },
  'list<text>': ['A', 'B'],
  'list<base64>': [Uint8Array.from([48, 130])],
  ItemId: { id: 'AAMkAD=', changeKey: 'CQAAAB==' },
  'wrapped<Mailbox>': {
    name: 'Anne',
    emailAddress: 'anne@example.com',
    routingType: 'SMTP',
    mailboxType: 'Mailbox',
  },
  'list<Mailbox>': [{ emailAddress: 'anne@example.com' }, { name: 'Bob', emailAddress: 'bob@example.com' }],
  'list<Attendee>': [{ mailbox: { emailAddress: 'anne@example.com' }, responseType: 'Accept' }],
};

// Fields whose schema type is narrower than their kind.
const BY_XML_NAME: Readonly<Record<string, unknown>> = {
  Culture: 'en-US',
  ItemClass: 'IPM.Note',
};

export function sampleFor(def: FieldDef): unknown {
  if (def.kind.name.startsWith('enum:')) return (def.kind as EnumKind<string>).choices[0];
  const sample = BY_XML_NAME[def.xmlName] ?? BY_KIND[def.kind.name];
  if (sample === undefined) throw new Error(`no sample for kind ${def.kind.name} (${def.name})`);
  return sample;
}

/** A value with every field of the model set (optionally only the writable ones). */
export function sampleValue(model: Model, options: { writableOnly: boolean }): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const def of model.fields) {
    if (options.writableOnly && def.flags.readOnly) continue;
    value[def.name] = sampleFor(def);
  }
  return value;
}
