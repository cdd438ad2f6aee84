import { readdirSync, readFileSync } from 'node:fs';
import { parseXml } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { findItemPage } from '../bench/calendar-page.mjs';
import { CalendarItemModel, fromXml, MessageModel, toXml } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';
import { pick } from './helpers/xml.js';

// The codec reads @ews/core's nodes directly: the one reader, no second node shape, no bridge.
// (Replaces the tests of the removed fromCoreNode bridge and of this package's own parser; core's
// own differential test, packages/core/test/xml/differential.test.ts, checks the reader against
// fast-xml-parser on every fixture of this package and every XML of the exchangelib vectors.)

const fixtureDir = new URL('./fixtures/', import.meta.url);
const FIXTURES = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => readFileSync(new URL(name, fixtureDir), 'utf8'));

describe('fromXml reads core nodes', () => {
  it('gives the same item from a node of a parsed page as from the item text', () => {
    const page = parseXml(findItemPage(50, { CalendarItemModel, toXml }));
    const folder = [
      'Body',
      'FindItemResponse',
      'ResponseMessages',
      'FindItemResponseMessage',
      'RootFolder',
      'Items',
    ].reduce((node, name) => pick(node, name), page);
    const items = folder.children;
    expect(items).toHaveLength(50);
    for (const node of items) {
      const item = fromXml(CalendarItemModel, node);
      expect(
        fromXml(
          CalendarItemModel,
          toXml(CalendarItemModel, item, { version: 'Exchange2016', mode: 'full' }).xml,
        ),
      ).toEqual(item);
    }
    expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
  });

  it('does not mistake Object.prototype members for fields or children read before', () => {
    const xml =
      '<t:Message><t:toString>x</t:toString><t:valueOf/><t:hasOwnProperty>1</t:hasOwnProperty>' +
      '<t:Subject>s</t:Subject><t:Subject>second</t:Subject></t:Message>';
    expect(fromXml(MessageModel, xml)).toEqual({ subject: 's' });
  });

  it('ignores elements of a foreign namespace, even with a field’s local name', () => {
    const xml =
      '<t:Message xmlns:x="urn:other"><x:Subject>not ours</x:Subject><t:IsRead>true</t:IsRead></t:Message>';
    expect(fromXml(MessageModel, xml)).toEqual({ isRead: true });
  });

  it('reads a tree deeper than any model without recursion into what it does not model', () => {
    const depth = 20_000;
    const root = parseXml(
      `<t:Message xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">${'<t:n a="1">'.repeat(depth)}x${'</t:n>'.repeat(depth)}<t:Subject>s</t:Subject></t:Message>`,
      { limits: { maxDepth: Number.POSITIVE_INFINITY } },
    );
    expect(fromXml(MessageModel, root)).toEqual({ subject: 's' });
  });
});

describe('fromXml on text: core reader rules and limits', () => {
  it('refuses nesting deeper than ReaderLimits.maxDepth with EWS_PROTOCOL', () => {
    expect(() =>
      fromXml(MessageModel, `<t:Message>${'<t:n>'.repeat(10_000)}x${'</t:n>'.repeat(10_000)}</t:Message>`),
    ).toThrow(/nested deeper than the reader limit maxDepth \(256 levels\)/);
    expect(() =>
      fromXml(MessageModel, `<t:Message>${'<t:n>'.repeat(250)}x${'</t:n>'.repeat(250)}</t:Message>`),
    ).not.toThrow();
  });

  it('refuses character references to characters XML does not allow', () => {
    for (const reference of ['&#0;', '&#1;', '&#xD800;', '&#xFFFE;', '&#xFFFF;', '&#x110000;']) {
      expect(
        errorCodeOf(() =>
          fromXml(MessageModel, `<t:Message><t:Subject>In${reference}box</t:Subject></t:Message>`),
        ),
        reference,
      ).toBe('EWS_PROTOCOL');
    }
    expect(fromXml(MessageModel, '<t:Message><t:Subject>&#x1F600;&#9;</t:Subject></t:Message>').subject).toBe(
      '\u{1F600}\t',
    );
  });

  it('refuses an undeclared prefix and a root in another namespace', () => {
    expect(errorCodeOf(() => fromXml(MessageModel, '<q:Message/>'))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => fromXml(MessageModel, '<t:Message xmlns:t="urn:other"/>'))).toBe('EWS_PROTOCOL');
    expect(errorCodeOf(() => fromXml(MessageModel, 'Message'))).toBe('EWS_PROTOCOL');
  });
});
