import { el, raw } from '@ews/core';
import { describe, expect, it } from 'vitest';
import {
  attachments,
  type FileAttachment,
  fileAttachmentXml,
  filterFor,
  MessageModel,
  restrictionXml,
} from '../src/index.js';

// Issue 16: models hands services the pieces it composes (a restriction's search expression, a file
// attachment with a content slot), so nobody cuts them out of serialized text.

const V = { version: 'Exchange2016' } as const;

describe('restrictionXml', () => {
  const q = filterFor(MessageModel);

  it('gives the search expression alone, the very content of its Restriction', () => {
    for (const filter of [
      q.eq('isRead', false),
      q.and(q.contains('subject', 'a & <b>'), q.exists('categories')),
      q.not(q.or(q.eq('importance', 'High'), q.gt('size', 10))),
    ]) {
      const result = restrictionXml(filter, V);
      if (result.matches !== 'some') throw new Error('the filter matches some items');
      expect(result.xml.xml).toBe(el('m:Restriction', {}, result.expression).xml);
      expect(result.expression.xml).toMatch(/^<t:(?:IsEqualTo|And|Not)>/);
    }
  });
});

describe('fileAttachmentXml', () => {
  const file = {
    type: 'FileAttachment',
    name: 'r&d.txt',
    contentType: 'text/plain',
    isInline: true,
  } as const;
  const bytes = new Uint8Array([1, 2, 3, 250, 251, 252]);

  it('writes what the attachments kind writes, Content last holding the fragment given', () => {
    const whole = attachments.writeElement(
      'm:Attachments',
      [{ ...file, content: bytes }],
      { ...V, mode: 'create' },
      'x',
    );
    const slot = fileAttachmentXml(file, raw(Buffer.from(bytes).toString('base64')), V);
    expect(el('m:Attachments', {}, slot).xml).toBe(whole.xml);
    expect(slot.xml).toMatch(/<t:Content>AQID\+vv8<\/t:Content><\/t:FileAttachment>$/);
  });

  it('refuses content given as a field too, another type, an unknown field or a version that is none', () => {
    const refused = expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' });
    const content = raw('AQID');
    const withContent = { ...file, content: bytes } as FileAttachment;
    expect(() => fileAttachmentXml(withContent, content, V)).toThrow(refused);
    expect(() => fileAttachmentXml({ ...file, type: 'ItemAttachment' } as never, content, V)).toThrow(
      refused,
    );
    expect(() => fileAttachmentXml({ ...file, subject: 'x' } as never, content, V)).toThrow(refused);
    expect(() => fileAttachmentXml(file, content, { version: 'Exchange2099' as never })).toThrow(refused);
  });
});
