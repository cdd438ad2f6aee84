import { describe, expect, it } from 'vitest';
import { parseXml, XmlParseError } from '../src/xml/xml-tree.js';
import { el, escapeXml, toXml } from '../src/xml/xml-writer.js';

// The request parser reads character references as XML 1.0 says. Before, fast-xml-parser (with
// htmlEntities off) kept `&#13;` as the literal text `&#13;`, so a CR a client sent correctly came
// back as five characters.

const textOf = (xml: string) => parseXml(xml).text;

describe('character references in requests', () => {
  it.each([
    ['decimal CR', '<a>x&#13;y</a>', 'x\ry'],
    ['hex tab', '<a>x&#x9;y</a>', 'x\ty'],
    ['hex, upper case digits', '<a>&#x1F600;</a>', '😀'],
    ['decimal non-BMP', '<a>&#128512;</a>', '😀'],
    ['the five entities', '<a>&lt;&gt;&amp;&quot;&apos;</a>', `<>&"'`],
    ['an escaped reference stays text', '<a>&amp;#13;</a>', '&#13;'],
    ['a literal CRLF and CR are LF (end-of-line handling)', '<a>x\r\ny\rz</a>', 'x\ny\nz'],
    ['CDATA is not decoded', '<a><![CDATA[&amp;&#13;]]></a>', '&amp;&#13;'],
  ])('%s', (_, xml, expected) => {
    expect(textOf(xml)).toBe(expected);
  });

  it('decodes attribute values, normalizing literal whitespace but not references', () => {
    const attrs = parseXml('<a v="1&#13;2&#9;3&#10;4" w="x\ty\nz" u="&amp;#9;"/>').attrs;
    expect(attrs).toEqual({ v: '1\r2\t3\n4', w: 'x y z', u: '&#9;' });
  });

  it.each([
    ['NUL', '<a>&#0;</a>'],
    ['a C0 control', '<a>&#1;</a>'],
    ['a lone surrogate', '<a>&#xD800;</a>'],
    ['U+FFFE', '<a>&#xFFFE;</a>'],
    ['past U+10FFFF', '<a>&#x110000;</a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a forbidden reference in an attribute', '<a v="&#0;"/>'],
  ])('refuses %s (not well-formed XML 1.0)', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });
});

describe('the writer keeps what the reader would change', () => {
  it('escapes CR in text, and tab, LF and CR in attributes, as character references', () => {
    expect(escapeXml('a\rb\tc\nd')).toBe('a&#13;b\tc\nd');
    const xml = toXml(el('t:Subject', { Note: 'x\ty\nz\r' }, 'a\r\nb\t😀'));
    expect(xml).toBe('<t:Subject Note="x&#9;y&#10;z&#13;">a&#13;\nb\t😀</t:Subject>');
    const back = parseXml(xml);
    expect(back.text).toBe('a\r\nb\t😀');
    expect(back.attrs.Note).toBe('x\ty\nz\r');
  });
});
