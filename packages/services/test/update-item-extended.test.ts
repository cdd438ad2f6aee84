import { buildEnvelope, EwsInvalidArgumentError } from '@ews/core';
import { extendedField, extendedValue, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUpdateFolder, buildUpdateItem } from '../src/index.js';

const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

const externalId = extendedField({
  propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
  propertyName: 'External ID',
  propertyType: 'String',
});
const flags = extendedField({ propertyTag: '0x1090', propertyType: 'Integer' });

describe('UpdateItem with extended properties', () => {
  it('sets each property on its own and deletes by path, after the model fields', () => {
    const body = buildUpdateItem({
      model: MessageModel,
      version: 'Exchange2016',
      changes: [
        {
          item: { id: 'AAMk=', changeKey: 'CQAA' },
          changes: {
            subject: 'Synced',
            extendedProperties: [extendedValue(externalId, 'crm-43'), extendedValue(flags, 2)],
          },
          deleteExtendedProperties: [
            extendedField({
              distinguishedPropertySetId: 'Common',
              propertyId: 0x8580,
              propertyType: 'String',
            }),
          ],
        },
      ],
    }).xml;
    envelope(body);
    const sets = body.match(/<t:SetItemField>/g) ?? [];
    expect(sets).toHaveLength(3);
    expect(body).toContain('PropertyName="External ID"');
    expect(body).toContain('<t:Value>crm-43</t:Value>');
    expect(body).toContain('PropertyTag="0x1090"');
    expect(body.indexOf('item:Subject')).toBeLessThan(body.indexOf('External ID'));
    expect(body).toMatch(
      /<t:DeleteItemField><t:ExtendedFieldURI [^>]*PropertyId="34176"[^>]*\/><\/t:DeleteItemField>/,
    );
  });

  it('accepts a change that only deletes extended properties', () => {
    const body = buildUpdateItem({
      model: MessageModel,
      version: 'Exchange2016',
      changes: [{ item: { id: 'AAMk=' }, changes: {}, deleteExtendedProperties: [externalId] }],
    }).xml;
    envelope(body);
    expect(body).toContain('<t:DeleteItemField><t:ExtendedFieldURI');
  });

  it('refuses extendedProperties that is not a list, naming the way to delete', () => {
    expect(
      () =>
        buildUpdateItem({
          model: MessageModel,
          version: 'Exchange2016',
          changes: [{ item: { id: 'AAMk=' }, changes: { extendedProperties: undefined } }],
        }).xml,
    ).toThrow(/deleteExtendedProperties/);
  });
});

describe('one change never names an extended property twice, in whatever form', () => {
  // PublicStrings is 00020329-0000-0000-C000-000000000046 and Common 00062008-…: EWS accepts either
  // form, so two entries in two forms are one property set twice (Exchange applies one or fails).
  const byName = extendedField({
    distinguishedPropertySetId: 'PublicStrings',
    propertyName: 'External ID',
    propertyType: 'String',
  });
  const byGuid = extendedField({
    propertySetId: '00020329-0000-0000-C000-000000000046',
    propertyName: 'External ID',
    propertyType: 'String',
  });
  const commonById = extendedField({
    distinguishedPropertySetId: 'Common',
    propertyId: 0x8580,
    propertyType: 'String',
  });
  const commonByGuid = extendedField({
    propertySetId: '00062008-0000-0000-c000-000000000046',
    propertyId: 34176,
    propertyType: 'String',
  });
  const tagHex = extendedField({ propertyTag: '0x1090', propertyType: 'Integer' });
  const tagDecimal = extendedField({ propertyTag: '4240', propertyType: 'Integer' });

  const TWICE = [
    ['set by set name and by GUID', [extendedValue(byName, 'a'), extendedValue(byGuid, 'b')], []],
    ['set and deleted', [extendedValue(commonById, 'a')], [commonByGuid]],
    ['deleted twice', [], [tagHex, tagDecimal]],
  ] as const;

  it.each(TWICE)(
    'UpdateItem refuses a property %s (EWS_INVALID_ARGUMENT, before sending)',
    (_, sets, deletes) => {
      const update = () =>
        buildUpdateItem({
          model: MessageModel,
          version: 'Exchange2016',
          changes: [
            { item: { id: 'AAMk1=' }, changes: { subject: 'fine' } },
            {
              item: { id: 'AAMk2=' },
              changes: sets.length === 0 ? { subject: 'x' } : { extendedProperties: [...sets] },
              deleteExtendedProperties: [...deletes],
            },
          ],
        }).xml;
      expect(update).toThrow(EwsInvalidArgumentError);
      expect(update).toThrow(/UpdateItem change 1: entries 0 and 1 name the same extended property/);
    },
  );

  it.each(TWICE)('UpdateFolder refuses a property %s', (_, sets, deletes) => {
    const update = () =>
      buildUpdateFolder({
        version: 'Exchange2016',
        changes: [
          {
            folder: { id: 'AQMk1=' },
            extendedProperties: [...sets],
            deleteExtendedProperties: [...deletes],
          },
        ],
      }).xml;
    expect(update).toThrow(EwsInvalidArgumentError);
    expect(update).toThrow(/UpdateFolder change 0: entries 0 and 1 name the same extended property/);
  });

  it('the same property in two different changes is fine (each change is one item or folder)', () => {
    expect(
      () =>
        buildUpdateItem({
          model: MessageModel,
          version: 'Exchange2016',
          changes: [
            { item: { id: 'AAMk1=' }, changes: { extendedProperties: [extendedValue(byName, 'a')] } },
            { item: { id: 'AAMk2=' }, changes: { extendedProperties: [extendedValue(byGuid, 'b')] } },
          ],
        }).xml,
    ).not.toThrow();
  });

  it('UpdateFolder sets and deletes distinct extended properties in a schema-valid body', () => {
    const body = buildUpdateFolder({
      version: 'Exchange2016',
      changes: [
        {
          folder: { id: 'AQMk1=', changeKey: 'AQ' },
          displayName: 'Projects',
          extendedProperties: [extendedValue(byName, 'crm-1')],
          deleteExtendedProperties: [tagHex],
        },
      ],
    }).xml;
    envelope(body);
    expect(body).toMatch(/<t:SetFolderField><t:ExtendedFieldURI [^>]*PropertyName="External ID"/);
    expect(body).toMatch(/<t:DeleteFolderField><t:ExtendedFieldURI [^>]*PropertyTag="0x1090"/);
    expect(
      () =>
        buildUpdateFolder({
          changes: [{ folder: { id: 'AQMk1=' }, extendedProperties: [extendedValue(byName, 'x')] }],
        }).xml,
    ).toThrow('UpdateFolder needs the version to write extended property values for');
  });
});
