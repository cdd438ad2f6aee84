import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { fromXml, PersonaModel } from '../src/index.js';
import { pick, rootOf, type XmlNode } from './helpers/xml.js';

// The get-persona vector of response-parsing.json, read with PersonaModel and compared with
// what exchangelib parsed from the same bytes.
interface Vector {
  id: string;
  response_xml?: string;
  parsed_by_exchangelib?: unknown;
}
const VECTOR = (loadVectors('response-parsing') as { vectors: Vector[] }).vectors.find(
  (v) => v.id === 'get-persona',
);

interface ExchangelibId {
  id: string;
  changekey?: string;
}
interface ExchangelibPersona {
  _id: ExchangelibId;
  persona_type: string;
  creation_time: { _datetime: string };
  display_name: string;
  relevance_score: string;
  attributions: {
    ID: string;
    _id: ExchangelibId;
    display_name: string;
    is_writable: boolean;
    is_quick_contact: boolean;
    is_hidden: boolean;
    folder_id: ExchangelibId;
  }[];
  display_names: { value: string; attributions: string[] }[];
  mobile_phones: { value: { number: string; type: string }; attributions: string[] }[];
}

function itemId(id: ExchangelibId): { id: string; changeKey?: string } {
  return id.changekey === undefined ? { id: id.id } : { id: id.id, changeKey: id.changekey };
}

function personaNode(xml: string): XmlNode {
  const body = pick(rootOf(xml, 'Envelope'), 'Body');
  return pick(pick(body, 'GetPersonaResponseMessage'), 'Persona');
}

describe('response-parsing.json: get-persona', () => {
  it('reads every field exchangelib reads, with the same values', () => {
    if (VECTOR?.response_xml === undefined) throw new Error('no get-persona vector');
    const [expected] = VECTOR.parsed_by_exchangelib as ExchangelibPersona[];
    if (expected === undefined) throw new Error('no parsed persona');
    const persona = fromXml(PersonaModel, personaNode(VECTOR.response_xml));
    expect(persona).toEqual({
      personaId: itemId(expected._id),
      personaType: expected.persona_type,
      creationTime: new Date(expected.creation_time._datetime),
      displayName: expected.display_name,
      // Deliberate difference: exchangelib keeps RelevanceScore as a string; the schema types it xs:int
      // so we read a number (this value exceeds int32 yet is kept exact as a JS number).
      relevanceScore: Number(expected.relevance_score),
      attributions: expected.attributions.map((a) => ({
        id: a.ID,
        sourceId: itemId(a._id),
        displayName: a.display_name,
        isWritable: a.is_writable,
        isQuickContact: a.is_quick_contact,
        isHidden: a.is_hidden,
        folderId: itemId(a.folder_id),
      })),
      displayNames: expected.display_names.map((d) => ({ value: d.value, attributions: d.attributions })),
      mobilePhones: expected.mobile_phones.map((m) => ({
        value: { number: m.value.number, type: m.value.type },
        attributions: m.attributions,
      })),
    });
  });
});
