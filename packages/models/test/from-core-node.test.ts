import { readdirSync, readFileSync } from 'node:fs';
import { parseXml as parseCoreXml } from '@ews/core';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { findItemPage } from '../bench/calendar-page.mjs';
import {
  CalendarItemModel,
  CHILD_ORDER,
  elementChildren,
  fromCoreNode,
  fromXml,
  parseXml,
  toXml,
  type XmlElement,
  type XmlNode,
} from '../src/index.js';

// fromCoreNode turns a node of @ews/core's reader into this package's node shape. It must give
// what parseXml gives for the same XML, document order (CHILD_ORDER) included, or the codec would
// read something else than it is tested on. Core drops indentation (whitespace-only text beside
// child elements), which parseXml keeps; that is removed from parseXml's side before comparing.

// This package's parseXml drops namespaces; core's reader is told to read every element by its
// local name too (hand-written documents here use made-up namespaces).
const ANY = { namespaces: 'any' } as const;

/** Core's root element converted, next to parseXml's node for the same root. */
function bothWays(xml: string): { converted: XmlNode; parsed: XmlNode } {
  const root = parseCoreXml(xml, ANY);
  return { converted: fromCoreNode(root), parsed: parseXml(xml)[root.name] as XmlNode };
}

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

/**
 * Core names a prefixed attribute `{uri}local` (`xml:lang` is never read as `lang`); this
 * package's parseXml drops the prefix. Compared under the local name.
 */
function withLocalAttributeNames(node: XmlNode): XmlNode {
  if (typeof node === 'string') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const local = key.startsWith('@_{') ? `@_${key.slice(key.indexOf('}') + 1)}` : key;
    copy[local] = Array.isArray(value)
      ? value.map(withLocalAttributeNames)
      : withLocalAttributeNames(value as XmlNode);
  }
  return copy as XmlElement;
}

/** Every element's children in document order, recursively, as the readers see them. */
function ordered(node: XmlNode): unknown {
  if (typeof node === 'string') return node;
  return elementChildren(node).map((child) => [child.name, ordered(child.node)]);
}

/** Every string in a vector file that is an XML document or fragment. */
function xmlStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('<') && trimmed.endsWith('>') && !trimmed.includes('{')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) xmlStrings(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) xmlStrings(v, out);
  return out;
}

const fixtureDir = new URL('./fixtures/', import.meta.url);
const FIXTURES = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => readFileSync(new URL(name, fixtureDir), 'utf8'));

describe('fromCoreNode', () => {
  it('gives parseXml’s node for a 50-item FindItem page and every fixture', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
    for (const xml of [findItemPage(50, { CalendarItemModel, toXml }), ...FIXTURES]) {
      const { converted, parsed } = bothWays(xml);
      expect(converted).toEqual(withoutIndentation(parsed));
      expect(ordered(converted)).toEqual(ordered(parsed));
    }
  });

  it('gives parseXml’s node for every XML of the exchangelib vectors both readers accept', () => {
    const docs = [
      'response-parsing',
      'response-errors',
      'requests-generated',
      'restriction',
      'soap-envelopes',
      'autodiscover',
      'misc',
    ].flatMap((name) => xmlStrings(loadVectors(name)));
    let compared = 0;
    for (const xml of docs) {
      let converted: XmlNode;
      try {
        converted = fromCoreNode(parseCoreXml(xml, ANY));
      } catch {
        continue;
      }
      const parsed = Object.values(parseXml(xml))[0] as XmlNode;
      expect(withLocalAttributeNames(converted), xml.slice(0, 200)).toEqual(withoutIndentation(parsed));
      expect(ordered(converted), xml.slice(0, 200)).toEqual(ordered(parsed));
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('keeps document order when element names interleave', () => {
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
    expect((converted as { [CHILD_ORDER]?: unknown })[CHILD_ORDER]).toEqual([
      'Message',
      'CalendarItem',
      'Message',
      'Contact',
      'Contact',
    ]);
    expect(converted).toEqual(parsed);
  });

  it('leaves CHILD_ORDER out while every name stays contiguous', () => {
    const converted = fromCoreNode(parseCoreXml('<a><b>1</b><b>2</b><c/></a>', ANY)) as XmlElement;
    expect(converted).toEqual({ b: ['1', '2'], c: '' });
    expect(Object.getOwnPropertySymbols(converted)).toEqual([]);
  });

  it('reads attributes, text beside attributes and children, and empty elements', () => {
    const { converted, parsed } = bothWays('<a x="1">t<b y="2">u</b><c/><c>v</c><d></d></a>');
    expect(converted).toEqual({
      '@_x': '1',
      '#text': 't',
      b: { '@_y': '2', '#text': 'u' },
      c: ['', 'v'],
      d: '',
    });
    expect(converted).toEqual(parsed);
  });

  it('does not mistake Object.prototype members for children read before (nor does parseXml)', () => {
    const { converted, parsed } = bothWays(
      '<a><toString>1</toString><valueOf>2</valueOf><valueOf>3</valueOf><hasOwnProperty/></a>',
    );
    expect(converted).toEqual({ toString: '1', valueOf: ['2', '3'], hasOwnProperty: '' });
    expect(parsed).toEqual(converted);
  });

  it('feeds fromXml the same item as parseXml', () => {
    const xml = findItemPage(3, { CalendarItemModel, toXml });
    const root = parseCoreXml(xml);
    let items: XmlNode = parseXml(xml);
    for (const name of [
      'Envelope',
      'Body',
      'FindItemResponse',
      'ResponseMessages',
      'FindItemResponseMessage',
    ])
      items = (items as XmlElement)[name] as XmlNode;
    const parsedItems = ((items as XmlElement).RootFolder as XmlElement).Items as XmlElement;
    const coreItems = root.children
      .find((node) => node.name === 'Body')
      ?.children[0]?.children[0]?.children[0]?.children.find((node) => node.name === 'RootFolder')
      ?.children[0];
    expect(coreItems?.name).toBe('Items');
    const fromCore = coreItems?.children.map((node) => fromXml(CalendarItemModel, fromCoreNode(node)));
    const fromModels = (parsedItems.CalendarItem as readonly XmlNode[]).map((node) =>
      fromXml(CalendarItemModel, node),
    );
    expect(fromCore).toHaveLength(3);
    expect(fromCore).toEqual(fromModels);
  });
});

// Issue 12, defect 7: fromCoreNode recursed, so a tree about 4,000 levels deep ended in a bare
// RangeError. Core's reader refuses such a tree by default (maxDepth), but a caller may lift
// that bound; the conversion itself walks with a stack of its own.
describe('fromCoreNode on deep trees', () => {
  it('converts 20,000 levels without recursion', () => {
    const depth = 20_000;
    const root = parseCoreXml(`${'<n a="1">'.repeat(depth)}x${'</n>'.repeat(depth)}`, {
      ...ANY,
      limits: { maxDepth: Number.POSITIVE_INFINITY },
    });
    let node = fromCoreNode(root) as XmlElement;
    let levels = 1;
    let attributes = 0;
    while (typeof node.n === 'object' && node.n !== null) {
      if (node['@_a'] === '1') attributes++;
      node = node.n as XmlElement;
      levels++;
    }
    expect(levels).toBe(depth);
    expect(attributes).toBe(depth - 1);
    expect(node['#text']).toBe('x');
  });

  it('keeps key order and shapes as recursion wrote them', () => {
    const { converted } = bothWays(
      '<r z="1"><b>1</b><c k="v"><d>2</d><d>3</d><e/></c><b>4</b><f><g><h>5</h></g></f>tail</r>',
    );
    expect(Object.keys(converted as XmlElement)).toEqual(['@_z', 'b', 'c', 'f', '#text']);
    expect(converted).toEqual({
      '@_z': '1',
      b: ['1', '4'],
      c: { '@_k': 'v', d: ['2', '3'], e: '' },
      f: { g: { h: '5' } },
      '#text': 'tail',
    });
    expect((converted as { [CHILD_ORDER]?: unknown })[CHILD_ORDER]).toEqual(['b', 'c', 'b', 'f']);
  });
});

describe("this package's parseXml on deep documents", () => {
  it('refuses nesting deeper than ReaderLimits.maxDepth with EWS_PROTOCOL', () => {
    expect(() => parseXml(`${'<n>'.repeat(10_000)}x${'</n>'.repeat(10_000)}`)).toThrow(
      /elements nested deeper than 256 levels/,
    );
    expect(() => parseXml(`${'<n>'.repeat(256)}x${'</n>'.repeat(256)}`)).not.toThrow();
  });

  it('refuses character references to characters XML does not allow', () => {
    for (const reference of ['&#0;', '&#1;', '&#xD800;', '&#xFFFE;', '&#xFFFF;', '&#x110000;']) {
      expect(() => parseXml(`<a>In${reference}box</a>`), reference).toThrow(/character XML cannot carry/);
    }
    expect((parseXml('<a>&#x1F600;&#9;</a>') as XmlElement).a).toBe('\u{1F600}\t');
  });
});
