import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  CHILD_ORDER,
  elementChildren,
  fromXml,
  MessageModel,
  type Model,
  parseXml,
  responseObjects,
  toXml,
  withChildOrder,
  type XmlElement,
  type XmlNode,
} from '../src/index.js';
import { getItemResponseEnvelope, itemsNode } from './helpers/envelopes.js';

const VERSION = 'Exchange2016';
const MODELS: Readonly<Record<string, Model>> = { Message: MessageModel, CalendarItem: CalendarItemModel };

describe('the reader keeps document order where different elements mix', () => {
  const items = [
    toXml(MessageModel, { subject: 'first' }, { version: VERSION }).xml,
    toXml(
      CalendarItemModel,
      { subject: 'second', start: new Date('2024-03-01T09:00:00Z') },
      { version: VERSION },
    ).xml,
    toXml(MessageModel, { subject: 'third' }, { version: VERSION }).xml,
    toXml(MessageModel, { subject: 'fourth' }, { version: VERSION }).xml,
    toXml(CalendarItemModel, { subject: 'fifth' }, { version: VERSION }).xml,
  ];

  it('<m:Items> with Message, CalendarItem, Message, Message, CalendarItem comes back in that order', () => {
    const node = itemsNode(getItemResponseEnvelope(items.join('')), 'GetItemResponse');
    const read = elementChildren(node).map(({ name, node: child }) => ({
      name,
      subject: (fromXml(MODELS[name]!, child) as { subject?: string }).subject,
    }));
    expect(read).toEqual([
      { name: 'Message', subject: 'first' },
      { name: 'CalendarItem', subject: 'second' },
      { name: 'Message', subject: 'third' },
      { name: 'Message', subject: 'fourth' },
      { name: 'CalendarItem', subject: 'fifth' },
    ]);
  });

  it('the object shape is unchanged and the order list is not enumerable', () => {
    const node = itemsNode(getItemResponseEnvelope(items.join('')), 'GetItemResponse');
    expect(Object.keys(node)).toEqual(['Message', 'CalendarItem']);
    expect((node.Message as XmlNode[]).length).toBe(3);
    expect((node as Record<symbol, unknown>)[CHILD_ORDER]).toEqual([
      'Message',
      'CalendarItem',
      'Message',
      'Message',
      'CalendarItem',
    ]);
    expect(Object.getOwnPropertyDescriptor(node, CHILD_ORDER)?.enumerable).toBe(false);
    expect(JSON.stringify(node)).not.toContain('childOrder');
  });

  it('records no order list when names do not interleave (the common, fast case)', () => {
    const doc = parseXml('<a><b>1</b><b>2</b><c/><d><e/></d></a>');
    expect(Object.getOwnPropertySymbols(doc.a as XmlElement)).toEqual([]);
    expect(elementChildren(doc.a as XmlNode).map((c) => c.name)).toEqual(['b', 'b', 'c', 'd']);
  });

  it('keeps order across text, attributes and nested interleaving', () => {
    const doc = parseXml('<a x="1">t<b>1</b><c>2</c><b>3</b><c><b/><d/><b/></c></a>');
    const a = doc.a as XmlElement;
    expect(elementChildren(a).map((c) => `${c.name}:${typeof c.node === 'string' ? c.node : 'el'}`)).toEqual([
      'b:1',
      'c:2',
      'b:3',
      'c:el',
    ]);
    const lastC = (a.c as XmlNode[])[1]!;
    expect(elementChildren(lastC).map((c) => c.name)).toEqual(['b', 'd', 'b']);
    expect(elementChildren('text')).toEqual([]);
    expect(elementChildren(undefined)).toEqual([]);
  });

  it('element choices (response objects, transitions, patterns) read in document order', () => {
    const written = responseObjects.writeElement(
      't:ResponseObjects',
      [{ type: 'AcceptItem' }, { type: 'ReplyToItem' }, { type: 'AcceptItem' }],
      { version: VERSION, mode: 'full' },
      'ResponseObjects',
    ).xml;
    const node = parseXml(written).ResponseObjects as XmlNode;
    expect(responseObjects.readElement(node, 'ResponseObjects').map((r) => r.type)).toEqual([
      'AcceptItem',
      'ReplyToItem',
      'AcceptItem',
    ]);
  });

  it('withChildOrder gives a hand-built node (e.g. converted from another tree) its order', () => {
    const node = withChildOrder({ Message: ['m1', 'm2'], CalendarItem: 'c1' } as XmlElement, [
      'Message',
      'CalendarItem',
      'Message',
    ]);
    expect(elementChildren(node).map((c) => c.node)).toEqual(['m1', 'c1', 'm2']);
  });

  it('a real GetItem response with a Contact then a Task lists them in that order', () => {
    const fixture = readFileSync(
      new URL('./fixtures/getitem-contact-task-2016.xml', import.meta.url),
      'utf8',
    );
    expect(elementChildren(itemsNode(fixture, 'GetItemResponse')).map((c) => c.name)).toEqual([
      'Contact',
      'Task',
    ]);
  });
});
