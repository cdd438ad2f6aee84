import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  attachedItem,
  CalendarItemModel,
  extendedField,
  extendedValue,
  FolderModel,
  filterFor,
  fromXml,
  MessageModel,
  queryStringXml,
  restrictionXml,
  setExtendedPropertyXml,
  toXml,
} from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

const T_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

// Issue 16: one escaper. Every value @ews/models writes goes through @ews/core's el(), whose rule
// is XML 1.0's Char production: a character XML cannot carry (C0 controls other than TAB/LF/CR,
// a lone surrogate, U+FFFE/U+FFFF) is REFUSED with EWS_INVALID_ARGUMENT, never stripped or
// written. Models' own escaper let lone surrogates through (XML that no parser accepts).
const V = { version: 'Exchange2016' } as const;
const SECRET = 'secret-value';
const FORBIDDEN = {
  'a C0 control': '\u0001',
  'a lone high surrogate': '\uD83D',
  'a lone low surrogate': '\uDE00',
  'U+FFFE': '\uFFFE',
  'U+FFFF': '\uFFFF',
};
const PROPERTY = extendedField({
  distinguishedPropertySetId: 'PublicStrings',
  propertyName: 'x',
  propertyType: 'String',
});

// Every writer path a caller's text takes: element text, attribute, body, extended property value,
// restriction constant, AQS query, time zone name, the item inside an ItemAttachment.
const WRITERS: Record<string, (value: string) => unknown> = {
  'element text (Subject)': (v) => toXml(MessageModel, { subject: `${SECRET}${v}` }, V),
  'an attribute (FolderId Id)': (v) =>
    toXml(FolderModel, { folderId: { id: `${SECRET}${v}` } }, { ...V, mode: 'full' }),
  'a body': (v) => toXml(MessageModel, { body: { bodyType: 'Text', value: `${SECRET}${v}` } }, V),
  'an extended property value': (v) =>
    setExtendedPropertyXml(MessageModel, extendedValue(PROPERTY, `${SECRET}${v}`), V),
  'a restriction constant': (v) => restrictionXml(filterFor(MessageModel).eq('subject', `${SECRET}${v}`), V),
  'a query string': (v) => queryStringXml(`${SECRET}${v}`, V),
  'a time zone name': (v) =>
    toXml(CalendarItemModel, { startTimeZone: { id: 'UTC', name: `${SECRET}${v}` } }, V),
  'an attached item': (v) =>
    toXml(
      MessageModel,
      {
        attachments: [
          {
            type: 'ItemAttachment',
            name: 'a',
            item: {
              type: 'Message',
              node: {
                name: 'Message',
                namespace: T_NS,
                attributes: {},
                text: '',
                children: [
                  { name: 'Subject', namespace: T_NS, attributes: {}, children: [], text: `${SECRET}${v}` },
                ],
              },
            },
          },
        ],
      },
      V,
    ),
};

describe('one escaper: every writer refuses what XML 1.0 cannot carry', () => {
  for (const [path, write] of Object.entries(WRITERS)) {
    for (const [what, character] of Object.entries(FORBIDDEN)) {
      it(`${path}: ${what}`, () => {
        const attempt = () => write(character);
        expect(errorCodeOf(attempt)).toBe('EWS_INVALID_ARGUMENT');
        expect(attempt).toThrowError(/cannot represent/);
        expect(attempt).not.toThrowError(new RegExp(SECRET));
      });
    }
    it(`${path}: a surrogate pair, TAB, LF and CR are written`, () => {
      expect(() => write('\u{1F600}\t\n\r')).not.toThrow();
    });
  }

  it('names the field whose value was refused', () => {
    expect(() => toXml(MessageModel, { subject: '\uD800' }, V)).toThrowError(/^Message\.Subject: /);
    expect(() => toXml(FolderModel, { folderId: { id: '\u0000' } }, { ...V, mode: 'full' })).toThrowError(
      /^Folder\.FolderId: Attribute Id /,
    );
  });

  it('escapes markup in text and attributes so it reads back unchanged', () => {
    const tricky = `a&b <c> "d" 'e' ]]> \r\n\t`;
    const message = toXml(MessageModel, { subject: tricky }, V);
    expect(fromXml(MessageModel, message.xml).subject).toBe(tricky);
    const folder = toXml(FolderModel, { folderId: { id: tricky } }, { ...V, mode: 'full' });
    expect(fromXml(FolderModel, folder.xml).folderId?.id).toBe(tricky);
    expect(folder.xml).not.toContain(']]>');
  });

  it('writes an attached item built by attachedItem() with the same rules', () => {
    const item = attachedItem(MessageModel, { subject: 'x & y' }, V);
    const xml = toXml(MessageModel, { attachments: [{ type: 'ItemAttachment', name: 'n', item }] }, V).xml;
    expect(xml).toContain('<t:Message><t:Subject>x &amp; y</t:Subject></t:Message></t:ItemAttachment>');
  });
});

describe('no second escaper in @ews/models', () => {
  const source = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : [],
    );

  it('defines no escape function and writes no entity reference itself', () => {
    const found = files(source).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return /function\s+escape|escape(Text|Attribute)\s*\(|'&(amp|lt|gt|quot|apos|#\d+);'/.test(text)
        ? [file.slice(source.length + 1)]
        : [];
    });
    expect(found).toEqual([]);
  });
});
