import { readdirSync, readFileSync } from 'node:fs';
import { parseXml } from '@ews/core';
import {
  CalendarItemModel,
  elementChildren,
  fromXml,
  parseXml as parseModelXml,
  toXml,
  type XmlElement,
  type XmlNode,
} from '@ews/models';
import { describe, expect, it } from 'vitest';
import { toModelNode } from '../src/internal/model-node.js';

// The page the services and models benches measure. Imported by URL: its declaration file types
// it against @ews/models' sources, which are outside this package's TypeScript project.
const calendarPage = new URL('../../models/bench/calendar-page.mjs', import.meta.url).href;
const { findItemPage } = (await import(calendarPage)) as {
  findItemPage(
    count: number,
    writer: { CalendarItemModel: typeof CalendarItemModel; toXml: typeof toXml },
  ): string;
};

// Services read items by converting @ews/core's ordered node to @ews/models' object shape. The
// conversion must give what @ews/models' own parser gives for the same XML, document order
// (CHILD_ORDER) included, or the models codec would read something else than it was tested on.

/** Core's root element as model node, next to the models parser's. */
function bothWays(xml: string): { converted: XmlNode; parsed: XmlNode } {
  const root = parseXml(xml);
  const parsed = parseModelXml(xml)[root.name] as XmlNode;
  return { converted: toModelNode(root), parsed };
}

/**
 * The models parser keeps indentation between child elements as `#text`; core drops it (it is
 * not content). Removed from the parsed side before comparing.
 */
function withoutIndentation(node: XmlNode): XmlNode {
  if (typeof node === 'string') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text' && typeof value === 'string' && value.trim() === '' && Object.keys(node).length > 1)
      continue;
    copy[key] = Array.isArray(value) ? value.map(withoutIndentation) : withoutIndentation(value as XmlNode);
  }
  return copy as XmlElement;
}

/** Every element's children in document order, recursively, as the models readers see them. */
function ordered(node: XmlNode): unknown {
  if (typeof node === 'string') return node;
  return elementChildren(node).map((child) => [child.name, ordered(child.node)]);
}

const modelsFixtures = new URL('../../models/test/fixtures/', import.meta.url);
const coreFixtures = new URL('../../core/test/fixtures/responses/', import.meta.url);
const fixtureTexts = [modelsFixtures, coreFixtures].flatMap((directory) =>
  readdirSync(directory)
    .filter((name) => name.endsWith('.xml'))
    .map((name) => readFileSync(new URL(name, directory), 'utf8')),
);

describe('toModelNode', () => {
  it('gives the models parser’s node for a FindItem page of 50 calendar items', () => {
    const xml = findItemPage(50, { CalendarItemModel, toXml });
    const { converted, parsed } = bothWays(xml);
    expect(converted).toEqual(parsed);
    expect(ordered(converted)).toEqual(ordered(parsed));
  });

  it('gives the models parser’s node for every response fixture of core and models', () => {
    expect(fixtureTexts.length).toBeGreaterThanOrEqual(9);
    for (const xml of fixtureTexts) {
      const { converted, parsed } = bothWays(xml);
      expect(converted).toEqual(withoutIndentation(parsed));
      expect(ordered(converted)).toEqual(ordered(parsed));
    }
  });

  it('keeps document order when element names interleave, as the models parser does', () => {
    const xml =
      '<m:Items xmlns:m="m" xmlns:t="t"><t:Message><t:Subject>1</t:Subject></t:Message>' +
      '<t:CalendarItem><t:Subject>2</t:Subject></t:CalendarItem><t:Message><t:Subject>3</t:Subject></t:Message>' +
      '<t:Contact/><t:Contact/></m:Items>';
    const { converted, parsed } = bothWays(xml);
    expect(ordered(converted)).toEqual([
      ['Message', [['Subject', '1']]],
      ['CalendarItem', [['Subject', '2']]],
      ['Message', [['Subject', '3']]],
      ['Contact', ''],
      ['Contact', ''],
    ]);
    expect(ordered(converted)).toEqual(ordered(parsed));
    expect(converted).toEqual(parsed);
  });

  it('reads attributes, text beside attributes and empty elements', () => {
    const { converted, parsed } = bothWays('<a x="1"><b y="2">t</b><c/><c>u</c><d></d></a>');
    expect(converted).toEqual({ '@_x': '1', b: { '@_y': '2', '#text': 't' }, c: ['', 'u'], d: '' });
    expect(converted).toEqual(parsed);
  });

  it('does not mistake Object.prototype members for children read before', () => {
    const converted = toModelNode(parseXml('<a><toString>1</toString><valueOf>2</valueOf></a>'));
    expect(converted).toEqual({ toString: '1', valueOf: '2' });
  });

  it('feeds the models codec the same item either way', () => {
    const xml = findItemPage(3, { CalendarItemModel, toXml });
    const root = parseXml(xml);
    const items = root.children[1]?.children[0]?.children[0]?.children[0]?.children[1]?.children[0];
    expect(items?.name).toBe('Items');
    let parsedItems: XmlNode = parseModelXml(xml);
    for (const name of [
      'Envelope',
      'Body',
      'FindItemResponse',
      'ResponseMessages',
      'FindItemResponseMessage',
      'RootFolder',
      'Items',
    ])
      parsedItems = (parsedItems as XmlElement)[name] as XmlNode;
    const fromCore = items?.children.map((node) => fromXml(CalendarItemModel, toModelNode(node)));
    const calendarItems = (parsedItems as XmlElement).CalendarItem as readonly XmlNode[];
    const fromModels = calendarItems.map((node) => fromXml(CalendarItemModel, node));
    expect(fromCore).toHaveLength(3);
    expect(fromCore).toEqual(fromModels);
  });
});
