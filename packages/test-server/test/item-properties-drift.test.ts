import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveItemProperties } from '../scripts/item-properties.mjs';
import {
  INDEXED_PROPERTIES,
  ITEM_PROPERTIES,
  ITEM_SEQUENCES,
  URIS_WITHOUT_ELEMENT,
} from '../src/schema/item-properties.generated.js';

const xsdText = readFileSync(new URL('../../../tools/ews-schema/schema/types.xsd', import.meta.url), 'utf8');
const derived = deriveItemProperties(xsdText);

describe('the committed property table is what the generator derives from types.xsd now', () => {
  it('has the same sequences, properties, indexed paths and unmapped FieldURIs', () => {
    expect(ITEM_SEQUENCES).toEqual(derived.sequences);
    expect(ITEM_PROPERTIES).toEqual(derived.properties);
    expect(INDEXED_PROPERTIES).toEqual(derived.indexed);
    expect(URIS_WITHOUT_ELEMENT).toEqual(derived.withoutElement);
  });

  it('accounts for every item FieldURI of UnindexedFieldURIType and DictionaryURIType', () => {
    const enumerated = (type: string) => {
      const block = xsdText.slice(xsdText.indexOf(`name="${type}"`));
      return [...block.slice(0, block.indexOf('</xs:simpleType>')).matchAll(/value="([^"]+)"/g)].map(
        (m) => m[1]!,
      );
    };
    const prefixes =
      /^(item|message|meeting|meetingRequest|calendar|task|contacts|distributionlist|postitem):/;
    const itemUris = enumerated('UnindexedFieldURIType').filter((u) => prefixes.test(u));
    const covered = [...ITEM_PROPERTIES.map((p) => p.uri), ...URIS_WITHOUT_ELEMENT.map((p) => p.uri)];
    expect(covered.sort()).toEqual([...itemUris].sort());
    expect(INDEXED_PROPERTIES.map((p) => p.uri).sort()).toEqual(enumerated('DictionaryURIType').sort());
  });

  it('orders each kind as types.xsd does: the base sequence first (MessageType extends ItemType)', () => {
    const position = (uri: string, kind: keyof typeof ITEM_SEQUENCES) =>
      ITEM_PROPERTIES.find((p) => p.uri === uri)?.positions[kind];
    expect(ITEM_SEQUENCES.MeetingRequest.slice(0, ITEM_SEQUENCES.Message.length)).toEqual(
      ITEM_SEQUENCES.Message,
    );
    expect(position('item:Subject', 'Message')).toBeLessThan(position('message:Sender', 'Message')!);
    expect(position('calendar:UID', 'MeetingRequest')).toBeLessThan(
      position('meetingRequest:MeetingRequestType', 'MeetingRequest')!,
    );
    expect(ITEM_SEQUENCES.Contact[position('contacts:Birthday', 'Contact')!]).toBe('Birthday');
  });
});
