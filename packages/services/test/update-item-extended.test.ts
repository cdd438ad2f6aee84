import { buildEnvelope } from '@ews/core';
import { extendedField, extendedValue, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { buildUpdateItem } from '../src/index.js';

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
    });
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
    });
    envelope(body);
    expect(body).toContain('<t:DeleteItemField><t:ExtendedFieldURI');
  });

  it('refuses extendedProperties that is not a list, naming the way to delete', () => {
    expect(() =>
      buildUpdateItem({
        model: MessageModel,
        version: 'Exchange2016',
        changes: [{ item: { id: 'AAMk=' }, changes: { extendedProperties: undefined } }],
      }),
    ).toThrow(/deleteExtendedProperties/);
  });
});
