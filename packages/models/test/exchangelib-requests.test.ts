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
} from '../src/index.js';
import { createItemEnvelope, itemsNode } from './helpers/envelopes.js';
import { localName, pick, picks, type XmlNode } from './helpers/xml.js';

interface RequestVector {
  id: string;
  operation: string;
  expected_envelope: string;
}
const requests = (loadVectors('requests-generated') as { requests: RequestVector[] }).requests;
const MODELS: readonly Model[] = [MessageModel, CalendarItemModel, ContactModel, TaskModel];
const createItems = requests.filter((r) => r.operation === 'CreateItem');

/** The child element names of an item node that the model knows, in document order. */
function modelledOrder(model: Model, node: XmlNode): string[] {
  // Each name once, where it first appears (a repeated element keeps its first place).
  return [...new Set(node.children.map(localName))].filter((key) => model.byXmlName.has(key));
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
      const model = MODELS.find((m) => picks(items, m.xmlName).length > 0);
      if (model === undefined) throw new Error('no known item in the vector');
      const theirs = pick(items, model.xmlName);
      const value = fromXml(model, theirs) as InferModel<Model>;
      const ours = toXml(model, value, { version: 'Exchange2016' }).xml;
      written.push(ours);
      const oursNode = pick(
        itemsNode(
          `<s:Envelope xmlns:s="s"><s:Body><m:CreateItem xmlns:m="m"><m:Items>${ours}</m:Items></m:CreateItem></s:Body></s:Envelope>`,
          'CreateItem',
        ),
        model.xmlName,
      );
      expect(fromXml(model, oursNode)).toEqual(value);
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
      pick(byId('createitem-calendaritem-recurring'), 'CalendarItem'),
    );
    expect(meeting.start?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(meeting.isAllDay).toBe(false);
    expect(meeting.requiredAttendees?.[0]?.mailbox?.emailAddress).toBe('anne@example.com');
    const contact = fromXml(ContactModel, pick(byId('createitem-contact-indexed'), 'Contact'));
    expect(contact.birthday?.toString()).toBe('1980-02-03');
    const task = fromXml(TaskModel, pick(byId('createitem-task'), 'Task'));
    expect(task.dueDate?.toString()).toBe('2024-05-01');
    expect(task.status).toBe('NotStarted');
  });
});
