import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  ContactModel,
  DistributionListModel,
  type ExchangeVersion,
  fromXml,
  type InferModel,
  ItemModel,
  MeetingCancellationModel,
  MeetingMessageModel,
  MeetingRequestModel,
  MeetingResponseModel,
  MessageModel,
  type Model,
  PersonaModel,
  PostItemModel,
  RESPONSE_ITEM_MODELS,
  TaskModel,
  toXml,
} from '../src/index.js';
import { createItemEnvelope, getItemResponseEnvelope } from './helpers/envelopes.js';
import { sampleValue } from './helpers/sample-values.js';

// Items a mailbox holds (GetItem can return them) and response objects (CreateItem only).
const STORED_ITEM_MODELS: readonly Model[] = [
  ItemModel,
  MessageModel,
  CalendarItemModel,
  ContactModel,
  TaskModel,
  PostItemModel,
  DistributionListModel,
  MeetingMessageModel,
  MeetingRequestModel,
  MeetingResponseModel,
  MeetingCancellationModel,
];
const ALL_ITEM_MODELS: readonly Model[] = [...STORED_ITEM_MODELS, ...RESPONSE_ITEM_MODELS];
const VERSION: ExchangeVersion = 'Exchange2016';

interface Case {
  readonly name: string;
  readonly model: Model;
  readonly value: InferModel<Model>;
  readonly xml: string;
  readonly envelope: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const model of ALL_ITEM_MODELS) {
    const value = sampleValue(model, { writableOnly: true }) as InferModel<Model>;
    const xml = toXml(model, value, { version: VERSION }).xml;
    out.push({
      name: `CreateItem ${model.name}`,
      model,
      value,
      xml,
      envelope: createItemEnvelope(xml, VERSION),
    });
  }
  for (const model of STORED_ITEM_MODELS) {
    const value = sampleValue(model, { writableOnly: false }) as InferModel<Model>;
    const xml = toXml(model, value, { version: VERSION, mode: 'full' }).xml;
    out.push({
      name: `GetItemResponse ${model.name}`,
      model,
      value,
      xml,
      envelope: getItemResponseEnvelope(xml),
    });
  }
  // Persona is not an item: FindPeople returns it.
  const persona = sampleValue(PersonaModel, { writableOnly: false }) as InferModel<Model>;
  const personaXml = toXml(PersonaModel, persona, { version: VERSION, mode: 'full' }).xml;
  out.push({
    name: 'FindPeopleResponse Persona',
    model: PersonaModel,
    value: persona,
    xml: personaXml,
    envelope: findPeopleResponseEnvelope(personaXml),
  });
  return out;
}

function findPeopleResponseEnvelope(peopleXml: string): string {
  return getItemResponseEnvelope('').replace(
    /<m:GetItemResponse>.*<\/m:GetItemResponse>/,
    '<m:FindPeopleResponse ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:People>${peopleXml}</m:People><m:TotalNumberOfPeopleInView>1</m:TotalNumberOfPeopleInView></m:FindPeopleResponse>`,
  );
}

// The reader returns Node Buffers (Uint8Array subclasses) without copying; compare the bytes.
function sameBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (Array.isArray(value)) return value.map(sameBytes);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sameBytes(v)]));
  return value;
}

describe('every item class round-trips: build → schema-valid XML → parse → deep-equal', () => {
  const all = cases();

  it('covers every item and response class and Persona, each with every field it can carry', () => {
    expect(ALL_ITEM_MODELS).toHaveLength(21);
    expect(all).toHaveLength(ALL_ITEM_MODELS.length + STORED_ITEM_MODELS.length + 1);
    for (const c of all) expect(Object.keys(c.value).length).toBeGreaterThan(0);
  });

  it('all documents validate against the EWS schema (one xmllint batch)', async () => {
    const results = await validateEws(
      all.map((c) => c.envelope),
      { names: all.map((c) => c.name) },
    );
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
    expect(results).toHaveLength(all.length);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s parses back to the value it was built from', (_, c) => {
    expect(sameBytes(fromXml(c.model, c.xml))).toEqual(sameBytes(c.value));
  });
});
