import { readdirSync, readFileSync } from 'node:fs';
import { loadVectors } from '@ews-tools/vectors';
import { type X2jOptions, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { findItemPage } from '../bench/calendar-page.mjs';
import { CalendarItemModel, parseXml, toXml } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

// parseXml is a purpose-built reader (for speed, see bench/). It must give exactly the tree
// fast-xml-parser gave with the options this package pinned before, on every XML we have.
const REFERENCE_OPTIONS: Partial<X2jOptions> = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
};
function reference(xml: string): unknown {
  return new XMLParser(REFERENCE_OPTIONS).parse(xml, true);
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

const VECTOR_FILES = [
  'response-parsing',
  'response-errors',
  'requests-generated',
  'restriction',
  'soap-envelopes',
  'autodiscover',
  'misc',
];
const fixtureDir = new URL('./fixtures/', import.meta.url);
const FIXTURES = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => readFileSync(new URL(name, fixtureDir), 'utf8'));

const TRICKY = [
  '<a><b>x</b><b>y</b><c/></a>',
  '<a>\n  <b>x</b>\n  <c> </c>\n</a>',
  '<a x="1" xmlns:t="u" t:y="2"><t:b z="&amp;&#13;&#x41;&lt;">t&amp;u&#13;&#x1F600;</t:b></a>',
  '<a>pre<b/>mid<c>1</c>post</a>',
  '<a><![CDATA[<x>&amp;]]></a>',
  '<a><!-- c --><b>1</b><?pi x?></a>',
  "<?xml version='1.0'?><a b='q\"'/>",
  '<a><b></b><c x="1"/><d x="1">t</d><e x="1"></e></a>',
  '<a><b>1</b>\n<b>2</b></a>',
  '<s:a xmlns:s="u" xmlns="v"><s:b>1</s:b></s:a>',
  '<a><b>x<!--c-->y</b></a>',
  '<a><b><![CDATA[x]]>y<![CDATA[z]]></b></a>',
  '<a>\n<b x="1">\n</b></a>',
  '<a>&apos;&quot;&gt;&amp;amp;</a>',
  '<a b="x\ny\tz"/>',
  '<a>x\r\ny\rz</a>',
  '<a b="x\r\ny"/>',
  '<a><b>1</b><c>2</c><b>3</b></a>',
  '<a><b>1</b><b x="2"/></a>',
  '<a></a >',
  '<a\nb = "1"\n/>',
  '<?xml version="1.0"?>\n<!-- lead -->\n<a>007</a>\n',
  '<a>&unknown;</a>',
];
const MALFORMED = [
  '<a><b></a>',
  '<a>',
  'text<a/>',
  '<a b=c/>',
  '<a b/>',
  '<1a/>',
  '</a>',
  '',
  '   ',
  '<a b="1" b="2"/>',
  '<a><__proto__>1</__proto__></a>',
  '<a><!-- open</a>',
  '<a><![CDATA[x</a>',
  '<a b="1></a>',
];

describe('parseXml gives the same tree as fast-xml-parser', () => {
  it('on every XML string of the exchangelib vectors', () => {
    const docs = VECTOR_FILES.flatMap((name) => xmlStrings(loadVectors(name)));
    expect(docs.length).toBeGreaterThan(150);
    let compared = 0;
    for (const xml of docs) {
      let expected: unknown;
      try {
        expected = reference(xml);
      } catch {
        expect(
          errorCodeOf(() => parseXml(xml)),
          xml.slice(0, 200),
        ).toBe('EWS_PROTOCOL');
        continue;
      }
      expect(parseXml(xml), xml.slice(0, 200)).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('on the Exchange 2016 fixtures and a 50-item FindItem page', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
    for (const xml of [...FIXTURES, findItemPage(50, { CalendarItemModel, toXml })])
      expect(parseXml(xml)).toEqual(reference(xml));
  });

  it('on hand-written edge cases (entities, CDATA, comments, mixed content, CR LF, prefixes)', () => {
    for (const xml of TRICKY) expect(parseXml(xml), JSON.stringify(xml)).toEqual(reference(xml));
  });

  it('refuses what fast-xml-parser refuses, as EWS_PROTOCOL', () => {
    for (const xml of MALFORMED) {
      expect(() => reference(xml), JSON.stringify(xml)).toThrow();
      expect(
        errorCodeOf(() => parseXml(xml)),
        JSON.stringify(xml),
      ).toBe('EWS_PROTOCOL');
    }
  });
});

describe('parseXml: where it deliberately differs', () => {
  it('skips a byte order mark and refuses a second root element', () => {
    // fast-xml-parser kept the BOM as document text and accepted `<a/><b/>`.
    expect(parseXml('\uFEFF<?xml version="1.0"?><a>007</a>')).toEqual({ a: '007' });
    expect(errorCodeOf(() => parseXml('<a/><b/>'))).toBe('EWS_PROTOCOL');
  });

  it('decodes only XML entities: HTML names such as &nbsp; stay as written', () => {
    // fast-xml-parser's htmlEntities also decoded &nbsp; &copy; …; XML without a DTD has none.
    expect(parseXml('<a>&nbsp;&copy;</a>')).toEqual({ a: '&nbsp;&copy;' });
  });

  it('refuses character references XML cannot carry instead of dropping them', () => {
    for (const xml of ['<a>&#0;</a>', '<a>&#xD800;</a>', '<a b="&#x110000;"/>'])
      expect(errorCodeOf(() => parseXml(xml))).toBe('EWS_PROTOCOL');
  });

  it('refuses a DOCTYPE (no entity expansion)', () => {
    expect(() => parseXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(
      /DOCTYPE/,
    );
    expect(errorCodeOf(() => parseXml('<a><!DOCTYPE a></a>'))).toBe('EWS_PROTOCOL');
  });
});
