import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  fromXml,
  MessageModel,
  type Model,
  responseObjects,
  toXml,
} from '../src/index.js';
import { getItemResponseEnvelope, itemsNode } from './helpers/envelopes.js';
import { rootOf } from './helpers/xml.js';

// The codec reads @ews/core's nodes, whose children are one array in document order.
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
    const read = node.children.map((child) => ({
      name: child.name,
      subject: (fromXml(MODELS[child.name]!, child) as { subject?: string }).subject,
    }));
    expect(read).toEqual([
      { name: 'Message', subject: 'first' },
      { name: 'CalendarItem', subject: 'second' },
      { name: 'Message', subject: 'third' },
      { name: 'Message', subject: 'fourth' },
      { name: 'CalendarItem', subject: 'fifth' },
    ]);
  });

  it('the node carries its order in plain data: no hidden order list beside it', () => {
    const node = itemsNode(getItemResponseEnvelope(items.join('')), 'GetItemResponse');
    expect(Object.keys(node).sort()).toEqual(['attributes', 'children', 'name', 'namespace', 'text']);
    expect(Object.getOwnPropertySymbols(node)).toEqual([]);
    expect(JSON.parse(JSON.stringify(node.children.map((c) => c.name)))).toEqual([
      'Message',
      'CalendarItem',
      'Message',
      'Message',
      'CalendarItem',
    ]);
  });

  it('keeps order across text, attributes and nested interleaving', () => {
    const a = rootOf('<t:a x="1">t<t:b>1</t:b><t:c>2</t:c><t:b>3</t:b><t:c><t:b/><t:d/><t:b/></t:c></t:a>');
    expect(a.children.map((c) => `${c.name}:${c.children.length === 0 ? c.text : 'el'}`)).toEqual([
      'b:1',
      'c:2',
      'b:3',
      'c:el',
    ]);
    expect(a.children[3]?.children.map((c) => c.name)).toEqual(['b', 'd', 'b']);
    expect(a.text).toBe('t');
    expect(a.attributes.x).toBe('1');
  });

  it('element choices (response objects, transitions, patterns) read in document order', () => {
    const written = responseObjects.writeElement(
      't:ResponseObjects',
      [{ type: 'AcceptItem' }, { type: 'ReplyToItem' }, { type: 'AcceptItem' }],
      { version: VERSION, mode: 'full' },
      'ResponseObjects',
    ).xml;
    const node = rootOf(written, 'ResponseObjects');
    expect(responseObjects.readElement(node, 'ResponseObjects').map((r) => r.type)).toEqual([
      'AcceptItem',
      'ReplyToItem',
      'AcceptItem',
    ]);
  });

  it('a real GetItem response with a Contact then a Task lists them in that order', () => {
    const fixture = readFileSync(
      new URL('./fixtures/getitem-contact-task-2016.xml', import.meta.url),
      'utf8',
    );
    expect(itemsNode(fixture, 'GetItemResponse').children.map((c) => c.name)).toEqual(['Contact', 'Task']);
  });
});
