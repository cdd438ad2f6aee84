import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  ContactModel,
  fromXml,
  type InferModel,
  MessageModel,
  type Model,
  TaskModel,
  toXml,
  type XmlElement,
  type XmlNode,
} from '../src/index.js';
import { createItemEnvelope, itemsNode } from './helpers/envelopes.js';

interface RequestVector {
  id: string;
  operation: string;
  expected_envelope: string;
}
const requests = (loadVectors('requests-generated') as { requests: RequestVector[] }).requests;
const MODELS: readonly Model[] = [MessageModel, CalendarItemModel, ContactModel, TaskModel];
const createItems = requests.filter((r) => r.operation === 'CreateItem');

/** The child element names of an item node that the model knows, in document order. */
function modelledOrder(model: Model, node: XmlElement): string[] {
  return Object.keys(node).filter((key) => model.byXmlName.has(key));
}

describe('CreateItem bodies exchangelib 5.6.0 generates', () => {
  it('are all covered (5 CreateItem vectors)', () => {
    expect(createItems.map((r) => r.id)).toEqual([
      'createitem-message-send-and-save',
      'createitem-calendaritem-recurring',
      'createitem-calendaritem-allday',
      'createitem-contact-indexed',
      'createitem-task',
    ]);
  });

  const written: string[] = [];

  it.each(createItems)(
    '$id: same values and the same element order when we write it',
    ({ expected_envelope }) => {
      const items = itemsNode(expected_envelope, 'CreateItem');
      const model = MODELS.find((m) => items[m.xmlName] !== undefined);
      if (model === undefined) throw new Error('no known item in the vector');
      const theirs = items[model.xmlName] as XmlElement;
      const value = fromXml(model, theirs as XmlNode) as InferModel<Model>;
      const ours = toXml(model, value, { version: 'Exchange2016' }).xml;
      written.push(ours);
      const oursNode = itemsNode(
        `<s:Envelope xmlns:s="s"><s:Body><m:CreateItem xmlns:m="m"><m:Items>${ours}</m:Items></m:CreateItem></s:Body></s:Envelope>`,
        'CreateItem',
      )[model.xmlName] as XmlElement;
      expect(fromXml(model, oursNode as XmlNode)).toEqual(value);
      expect(modelledOrder(model, oursNode)).toEqual(modelledOrder(model, theirs));
      expect(Object.keys(value).length).toBeGreaterThan(4);
    },
  );

  it('what we wrote for them validates in CreateItem requests', async () => {
    expect(written).toHaveLength(createItems.length);
    const results = await validateEws(written.map((items) => createItemEnvelope(items, 'Exchange2016')));
    expect(results.filter((r) => !r.ok).map((r) => r.errors)).toEqual([]);
  });

  it('reads exchangelib booleans (1/0), offsets and date-backed dates as intended', () => {
    const byId = (id: string) =>
      itemsNode(createItems.find((r) => r.id === id)!.expected_envelope, 'CreateItem');
    const meeting = fromXml(
      CalendarItemModel,
      byId('createitem-calendaritem-recurring').CalendarItem as XmlNode,
    );
    expect(meeting.start?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(meeting.isAllDay).toBe(false);
    expect(meeting.requiredAttendees?.[0]?.mailbox?.emailAddress).toBe('anne@example.com');
    const contact = fromXml(ContactModel, byId('createitem-contact-indexed').Contact as XmlNode);
    expect(contact.birthday?.toString()).toBe('1980-02-03');
    const task = fromXml(TaskModel, byId('createitem-task').Task as XmlNode);
    expect(task.dueDate?.toString()).toBe('2024-05-01');
    expect(task.status).toBe('NotStarted');
  });
});
