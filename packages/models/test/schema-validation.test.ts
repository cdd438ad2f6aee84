import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  ContactModel,
  DistributionListModel,
  type ExchangeVersion,
  type FieldName,
  FolderModel,
  fromXml,
  type InferModel,
  ItemModel,
  itemShape,
  MessageModel,
  type Model,
  PostItemModel,
  sortOrderXml,
  TaskModel,
  toXml,
} from '../src/index.js';
import {
  createFolderEnvelope,
  createItemEnvelope,
  fixture,
  getItemRequestEnvelope,
  getItemResponseEnvelope,
  itemsNode,
} from './helpers/envelopes.js';
import { sampleValue } from './helpers/sample-values.js';
import { pick } from './helpers/xml.js';

const ITEM_MODELS = [
  ItemModel,
  MessageModel,
  CalendarItemModel,
  ContactModel,
  TaskModel,
  PostItemModel,
  DistributionListModel,
] as const;
const VERSION: ExchangeVersion = 'Exchange2016';

function write(model: Model, options: { writableOnly: boolean; mode: 'create' | 'full' }): string {
  const value = sampleValue(model, { writableOnly: options.writableOnly }) as InferModel<Model>;
  return toXml(model, value, { version: VERSION, mode: options.mode }).xml;
}

async function expectValid(documents: readonly string[], names: readonly string[]): Promise<void> {
  const results = await validateEws(documents, { names });
  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`);
  expect(failures).toEqual([]);
  expect(results).toHaveLength(documents.length);
}

describe('written XML validates against the EWS schema (xmllint)', () => {
  it('every writable field of every item model, inside a CreateItem request', async () => {
    const docs = ITEM_MODELS.map((model) =>
      createItemEnvelope(write(model, { writableOnly: true, mode: 'create' }), VERSION),
    );
    await expectValid(
      docs,
      ITEM_MODELS.map((m) => `CreateItem ${m.name}`),
    );
  });

  it('every field (read-only too) of every item model, inside a GetItem response', async () => {
    const docs = ITEM_MODELS.map((model) =>
      getItemResponseEnvelope(write(model, { writableOnly: false, mode: 'full' })),
    );
    await expectValid(
      docs,
      ITEM_MODELS.map((m) => `GetItemResponse ${m.name}`),
    );
  });

  it('the fixtures re-written after parsing, and a CreateFolder request', async () => {
    const calendar = itemsNode(fixture('getitem-calendaritem-2016.xml'), 'GetItemResponse');
    const other = itemsNode(fixture('getitem-contact-task-2016.xml'), 'GetItemResponse');
    const items = [
      toXml(CalendarItemModel, fromXml(CalendarItemModel, pick(calendar, 'CalendarItem')), {
        version: VERSION,
        mode: 'full',
      }).xml,
      toXml(ContactModel, fromXml(ContactModel, pick(other, 'Contact')), {
        version: VERSION,
        mode: 'full',
      }).xml,
      toXml(TaskModel, fromXml(TaskModel, pick(other, 'Task')), { version: VERSION, mode: 'full' }).xml,
    ];
    const folder = write(FolderModel, { writableOnly: true, mode: 'create' });
    await expectValid(
      [getItemResponseEnvelope(items.join('')), createFolderEnvelope(folder, VERSION)],
      ['fixtures re-written', 'CreateFolder'],
    );
  });

  it('a GetItem shape naming every field of every item model (contact dictionaries entry by entry)', async () => {
    const docs = ITEM_MODELS.map((model: Model) => {
      const fields = model.fields
        .filter((def) => def.fieldUri !== undefined)
        .map((def) => def.name as FieldName<Model>);
      return getItemRequestEnvelope(itemShape(model, { version: VERSION, fields }).xml.xml, VERSION);
    });
    await expectValid(
      docs,
      ITEM_MODELS.map((m) => `GetItem shape ${m.name}`),
    );
    const contact = itemShape(ContactModel, { version: VERSION, fields: ['emailAddresses'] }).xml.xml;
    expect(contact).not.toContain('FieldURI="contacts:EmailAddress"/>');
    expect(contact).toContain(
      '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress3"/>',
    );
    expect(() => sortOrderXml(ContactModel, ['phoneNumbers'], { version: VERSION })).toThrow(
      /phoneNumbers is a dictionary/,
    );
  });

  it('the validator does reject a document in the wrong order (guards the test above)', async () => {
    const swapped = createItemEnvelope(
      '<t:Message><t:Importance>High</t:Importance><t:Subject>x</t:Subject></t:Message>',
      VERSION,
    );
    const [result] = await validateEws([swapped]);
    expect(result?.ok).toBe(false);
  });
});
