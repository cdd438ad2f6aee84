import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import {
  checkDistinctExtendedFields,
  DISTINGUISHED_PROPERTY_SET_GUIDS,
  type DistinguishedPropertySet,
  type ExtendedFieldPath,
  extendedField,
  findExtendedValue,
  itemShape,
  MessageModel,
  sameExtendedField,
} from '../src/index.js';
import { extendedPropertiesFromXml } from '../src/properties/extended-property.js';
import { DISTINGUISHED_PROPERTY_SETS } from '../src/query/property-sets.js';
import { errorCodeOf } from './helpers/error-code.js';
import { rootOf } from './helpers/xml.js';

// An extended property asked for with one form of its property set (a DistinguishedPropertySetId
// or the set's GUID) may come back in the other: both name the same set. Every comparison of
// extended property identities must treat the two forms, GUIDs in any case, and tags in hex or
// decimal as one property.

// MS-OXPROPS 1.3.2 "Commonly Used Property Sets": the GUID each DistinguishedPropertySetId names.
const MS_OXPROPS: Readonly<Record<string, string>> = {
  Meeting: '6ED8DA90-450B-101B-98DA-00AA003F1305',
  Appointment: '00062002-0000-0000-C000-000000000046',
  Common: '00062008-0000-0000-C000-000000000046',
  PublicStrings: '00020329-0000-0000-C000-000000000046',
  Address: '00062004-0000-0000-C000-000000000046',
  InternetHeaders: '00020386-0000-0000-C000-000000000046',
  CalendarAssistant: '11000E07-B51B-40D6-AF21-CAA85EDAB1D0',
  UnifiedMessaging: '4442858E-A9E3-4E80-B900-317A210CC15B',
  Task: '00062003-0000-0000-C000-000000000046',
  Sharing: '00062040-0000-0000-C000-000000000046',
};

const NS = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** An item as a server answers it: one ExtendedProperty whose ExtendedFieldURI has these attributes. */
function answered(attributes: string, value: string): ReturnType<typeof extendedPropertiesFromXml> {
  const xml = `<t:Message ${NS}><t:ExtendedProperty><t:ExtendedFieldURI ${attributes}/><t:Value>${value}</t:Value></t:ExtendedProperty></t:Message>`;
  return extendedPropertiesFromXml(rootOf(xml, 'Message'));
}

const setForms = (name: DistinguishedPropertySet) => {
  const guid = MS_OXPROPS[name] ?? '';
  return [
    { label: `DistinguishedPropertySetId="${name}"`, spec: { distinguishedPropertySetId: name } },
    { label: 'upper-case GUID', spec: { propertySetId: guid.toUpperCase() } },
    { label: 'lower-case GUID', spec: { propertySetId: guid.toLowerCase() } },
  ] as const;
};
const attributesOf = (spec: { distinguishedPropertySetId?: string; propertySetId?: string }) =>
  spec.distinguishedPropertySetId !== undefined
    ? `DistinguishedPropertySetId="${spec.distinguishedPropertySetId}"`
    : `PropertySetId="${spec.propertySetId}"`;

describe('property set identity: one table for every DistinguishedPropertySetId', () => {
  it('names exactly the sets types.xsd lists, with the GUIDs MS-OXPROPS gives', () => {
    const xsd = readFileSync(join(schemaDir, 'types.xsd'), 'utf8');
    const type = /<xs:simpleType name="DistinguishedPropertySetType">([\s\S]*?)<\/xs:simpleType>/.exec(
      xsd,
    )?.[1];
    const names = [...(type ?? '').matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toHaveLength(10);
    expect([...DISTINGUISHED_PROPERTY_SETS]).toEqual(names);
    for (const name of names) {
      expect(DISTINGUISHED_PROPERTY_SET_GUIDS[name as DistinguishedPropertySet]).toBe(
        MS_OXPROPS[name ?? '']?.toLowerCase(),
      );
    }
  });

  // Every set × asked in each form × answered in each form × named by PropertyName and by PropertyId.
  for (const name of DISTINGUISHED_PROPERTY_SETS) {
    it(`${name}: asked and answered in any form (name or GUID, either case), by name and by id`, () => {
      for (const asked of setForms(name)) {
        for (const answer of setForms(name)) {
          const byName = extendedField({ ...asked.spec, propertyName: 'X-Tag', propertyType: 'String' });
          const named = answered(
            `${attributesOf(answer.spec)} PropertyName="X-Tag" PropertyType="String"`,
            'v',
          );
          expect(findExtendedValue(named, byName), `${asked.label} / ${answer.label}`).toBe('v');
          expect(sameExtendedField(named[0]!.path, byName)).toBe(true);

          const byId = extendedField({ ...asked.spec, propertyId: 0x8514, propertyType: 'Boolean' });
          const numbered = answered(
            `${attributesOf(answer.spec)} PropertyId="34068" PropertyType="Boolean"`,
            'true',
          );
          expect(findExtendedValue(numbered, byId), `${asked.label} / ${answer.label} by id`).toBe(true);
        }
      }
    });
  }

  it('different sets, names, ids or types stay different properties', () => {
    const [first, second] = DISTINGUISHED_PROPERTY_SETS;
    const base = extendedField({
      distinguishedPropertySetId: first!,
      propertyName: 'X',
      propertyType: 'String',
    });
    const others: ExtendedFieldPath[] = [
      extendedField({ distinguishedPropertySetId: second!, propertyName: 'X', propertyType: 'String' }),
      extendedField({ propertySetId: MS_OXPROPS[second!]!, propertyName: 'X', propertyType: 'String' }),
      extendedField({ distinguishedPropertySetId: first!, propertyName: 'x', propertyType: 'String' }),
      extendedField({ distinguishedPropertySetId: first!, propertyName: 'X', propertyType: 'Integer' }),
      extendedField({ distinguishedPropertySetId: first!, propertyId: 0, propertyType: 'String' }),
      extendedField({
        propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
        propertyName: 'X',
        propertyType: 'String',
      }),
    ];
    for (const other of others) expect(sameExtendedField(base, other)).toBe(false);
  });

  it('tags compare by number (0x1000 is 4096), hex in any case', () => {
    const body = extendedField({ propertyTag: '0x1000', propertyType: 'String' });
    for (const tag of [
      '4096',
      '04096',
      '+4096',
      '0x1000',
      '0X1000',
      '0x1000'.toUpperCase().replace('X', 'x'),
    ]) {
      const found = answered(`PropertyTag="${tag}" PropertyType="String"`, 'text');
      expect(findExtendedValue(found, body), tag).toBe('text');
    }
    expect(
      findExtendedValue(answered('PropertyTag="4097" PropertyType="String"', 'no'), body),
    ).toBeUndefined();
  });

  it('a shape asking for one property in two forms asks once', () => {
    const byName = extendedField({
      distinguishedPropertySetId: 'Common',
      propertyId: 0x8580,
      propertyType: 'String',
    });
    const byGuid = extendedField({
      propertySetId: MS_OXPROPS.Common!,
      propertyId: 0x8580,
      propertyType: 'String',
    });
    const shape = itemShape(MessageModel, { version: 'Exchange2016', fields: ['subject', byName, byGuid] });
    expect(shape.xml.xml.match(/<t:ExtendedFieldURI /g)).toHaveLength(1);
  });

  it('changes that name one property twice, in any form, are refused', () => {
    const byName = extendedField({
      distinguishedPropertySetId: 'PublicStrings',
      propertyName: 'K',
      propertyType: 'String',
    });
    const byGuid = extendedField({
      propertySetId: MS_OXPROPS.PublicStrings!.toLowerCase(),
      propertyName: 'K',
      propertyType: 'String',
    });
    expect(errorCodeOf(() => checkDistinctExtendedFields([byName, byGuid], 'UpdateItem'))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    const tags = ['0x1000', '4096'].map((tag) => extendedField({ propertyTag: tag, propertyType: 'String' }));
    expect(errorCodeOf(() => checkDistinctExtendedFields(tags, 'UpdateItem'))).toBe('EWS_INVALID_ARGUMENT');
    expect(() => checkDistinctExtendedFields([byName, tags[0]!], 'UpdateItem')).not.toThrow();
  });

  it('refuses a PropertySetId that is not a GUID and a tag past 16 bits', () => {
    expect(
      errorCodeOf(() =>
        extendedField({ propertySetId: 'PublicStrings', propertyName: 'K', propertyType: 'String' }),
      ),
    ).toBe('EWS_INVALID_ARGUMENT');
    for (const tag of ['65536', '0x10000', '-1', '0x', 'x10'])
      expect(
        errorCodeOf(() => extendedField({ propertyTag: tag, propertyType: 'String' })),
        tag,
      ).toBe('EWS_INVALID_ARGUMENT');
    expect(
      errorCodeOf(() => answered('PropertySetId="not-a-guid" PropertyName="K" PropertyType="String"', 'v')),
    ).toBe('EWS_PROTOCOL');
  });
});
