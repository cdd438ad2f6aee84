import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEnvelope } from '../soap/envelope.js';
import {
  el,
  escapeAttribute,
  escapeText,
  fragments,
  isXmlFragment,
  raw,
  stripInvalidXmlChars,
} from './write.js';

const recorder = createEnvelopeRecorder();
afterAll(async () => {
  expect(recorder.size).toBeGreaterThanOrEqual(3);
  await recorder.assertAllValid();
});

// A real XML parser reads back what we wrote: escaping is right only if the value round-trips.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  // Decodes numeric character references (&#13;) too.
  htmlEntities: true,
});
function roundTrip(value: string): { text: string; attribute: string } {
  const doc = parser.parse(el('a', { v: value }, value).xml) as { a: { '#text'?: string; '@v': string } };
  return { text: doc.a['#text'] ?? '', attribute: doc.a['@v'] };
}

describe('escapeText / escapeAttribute', () => {
  it('escapes markup characters', () => {
    expect(escapeText(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
    expect(escapeAttribute(`a & b < c > d "e" 'f'`)).toBe(
      'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;',
    );
  });

  it('keeps whitespace that a parser would otherwise normalize', () => {
    expect(escapeText('line1\r\nline2\tx')).toBe('line1&#13;\nline2\tx');
    expect(escapeAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('never lets ]]> through', () => {
    expect(escapeText('x]]>y')).toBe('x]]&gt;y');
  });

  it.each([
    ['markup', `<t:Subject a="1">&amp; 'q'</t:Subject>`],
    ['CRLF and tabs', 'a\r\nb\tc\nd\re'],
    ['non-BMP and accents', 'Grüße 😀 日本'],
    ['entity-like text', '&lt; is not <'],
    ['edge of the BMP', '\uD7FF\uE000\uFFFD'],
  ])('round-trips %s through a real parser', (_name, value) => {
    expect(roundTrip(value)).toEqual({ text: value, attribute: value });
  });

  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['a C0 control', 'ab\u001Fc', 'U+001F at index 2'],
    ['vertical tab', '\u000B', 'U+000B'],
    ['a lone high surrogate', 'x\uD83D', 'U+D83D at index 1'],
    ['a lone low surrogate', '\uDE00y', 'U+DE00 at index 0'],
    ['U+FFFE', '\uFFFE', 'U+FFFE'],
    ['U+FFFF', '\uFFFF', 'U+FFFF'],
  ])('refuses %s with EwsInvalidArgumentError', (_name, value, where) => {
    for (const escapeFn of [escapeText, escapeAttribute]) {
      expect(() => escapeFn(value)).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
      expect(() => escapeFn(value)).toThrow(where);
    }
  });

  it('names the element or attribute in the message, never the value', () => {
    expect(() => el('t:Subject', {}, 'secret\u0007')).toThrow(
      /^Text of t:Subject contains U\+0007 at index 6/,
    );
    expect(() => el('t:ItemId', { Id: 'secret\u0007' })).toThrow(
      /^Attribute Id of t:ItemId contains U\+0007/,
    );
    expect(() => el('t:Subject', {}, 'secret\u0007')).not.toThrow(/secret/);
  });

  it('stripInvalidXmlChars removes exactly the characters that are refused', () => {
    const dirty = 'a\u0000b\u0008c\td\ne\rf\uD83Dg😀h\uFFFEi\u007Fj';
    const clean = stripInvalidXmlChars(dirty);
    expect(clean).toBe('ab' + 'c\td\ne\rfg😀hi\u007Fj');
    expect(() => escapeText(clean)).not.toThrow();
  });
});

describe('el', () => {
  it('keeps attribute insertion order and skips undefined/null', () => {
    expect(el('t:ItemId', { Id: 'AA=', ChangeKey: 'CK', Missing: undefined, Nothing: null }).xml).toBe(
      '<t:ItemId Id="AA=" ChangeKey="CK"/>',
    );
    expect(el('t:ItemId', { ChangeKey: 'CK', Id: 'AA=' }).xml).toBe('<t:ItemId ChangeKey="CK" Id="AA="/>');
  });

  it('keeps child order, flattens arrays, skips empty children and escapes text', () => {
    const xml = el('m:Items', {}, [
      el('t:B'),
      [el('t:A', {}, 'x < y'), null],
      undefined,
      el('t:C', {}, [1, ' ', true, ' ', 10n]),
    ]).xml;
    expect(xml).toBe('<m:Items><t:B/><t:A>x &lt; y</t:A><t:C>1 true 10</t:C></m:Items>');
  });

  it('writes scalars as XML schema values', () => {
    expect(el('t:IsRead', {}, false).xml).toBe('<t:IsRead>false</t:IsRead>');
    expect(el('t:C', {}, [false, 0, '']).xml).toBe('<t:C>false0</t:C>');
    expect(el('x', { n: 0, b: true }).xml).toBe('<x n="0" b="true"/>');
    expect(() => el('x', {}, Number.NaN)).toThrow(/Cannot write the number NaN/);
    expect(() => el('x', { n: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
  });

  it('treats plain strings as text, never as markup; raw() is the explicit way in', () => {
    expect(el('a', {}, '<b/>').xml).toBe('<a>&lt;b/&gt;</a>');
    expect(el('a', {}, raw('<b/>')).xml).toBe('<a><b/></a>');
    expect(isXmlFragment(raw(''))).toBe(true);
    expect(isXmlFragment('<b/>')).toBe(false);
    expect(isXmlFragment({ xml: '<b/>' })).toBe(false);
    expect(fragments([el('a'), 'b&', el('c')]).xml).toBe('<a/>b&amp;<c/>');
  });

  it.each(['', '1a', 'a b', 'a:b:c', 'a>', '<a', 'a"'])('refuses the name %j', (name) => {
    expect(() => el(name)).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
    expect(() => el('a', { [name]: 'x' })).toThrow(/Invalid XML name/);
  });

  it('builds operation bodies the EWS schema accepts', () => {
    const getItem = el('m:GetItem', {}, [
      el('m:ItemShape', {}, [
        el('t:BaseShape', {}, 'IdOnly'),
        el('t:AdditionalProperties', {}, [
          el('t:FieldURI', { FieldURI: 'item:Subject' }),
          el('t:FieldURI', { FieldURI: 'calendar:Start' }),
        ]),
      ]),
      el('m:ItemIds', {}, el('t:ItemId', { Id: 'AAMkADk0="&<>', ChangeKey: "Dw'AA\tA" })),
    ]);
    recorder.record(buildEnvelope({ version: 'Exchange2013', body: getItem }), 'GetItem');
    const createItem = el('m:CreateItem', { MessageDisposition: 'SaveOnly' }, [
      el(
        'm:Items',
        {},
        el('t:Message', {}, [
          el('t:Subject', {}, 'Q3 <draft> & "notes" — Grüße 😀'),
          el('t:Body', { BodyType: 'Text' }, 'line 1\r\nline 2\t]]>'),
          el('t:IsRead', {}, false),
        ]),
      ),
    ]);
    recorder.record(buildEnvelope({ version: 'Exchange2016', body: createItem }), 'CreateItem');
    const findFolder = el('m:FindFolder', { Traversal: 'Shallow' }, [
      el('m:FolderShape', {}, el('t:BaseShape', {}, 'Default')),
      el('m:IndexedPageFolderView', { MaxEntriesReturned: 100, Offset: 0, BasePoint: 'Beginning' }),
      el('m:ParentFolderIds', {}, el('t:DistinguishedFolderId', { Id: 'msgfolderroot' })),
    ]);
    recorder.record(buildEnvelope({ version: 'Exchange2010_SP1', body: findFolder }), 'FindFolder');
    expect(recorder.size).toBe(3);
  });
});
