import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnvelope, el } from '@ews/core';
import { filterFor, MessageModel, restrictionXml } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCreateAttachment, buildFindItem, type SeekCondition } from '../src/index.js';
import { buildStreamedCreateAttachment } from '../src/operations/create-attachment.js';
import { mailboxFolderRef } from '../src/refs.js';

// Issue 16: services composes what @ews/models writes as fragments; it never cuts a models
// writer's serialized text apart to reach a piece of it (models hands over the piece itself).

const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

const inbox = mailboxFolderRef('alice@contoso.test', { distinguishedId: 'inbox' });
const parent = { id: 'AAMkParent=', changeKey: 'CK1' };
const bytes = new TextEncoder().encode('hello, <world> & more');
const base64 = Buffer.from(bytes).toString('base64');

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function streamedText(body: ReturnType<typeof buildStreamedCreateAttachment>): Promise<string> {
  const content = typeof body.content === 'function' ? body.content() : body.content;
  let middle = '';
  for await (const chunk of content)
    middle += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
  return body.before.xml + middle + body.after.xml;
}

describe('a streamed file attachment', () => {
  const metadata = {
    type: 'FileAttachment',
    name: 'r&d <notes>.txt',
    contentType: 'text/plain',
    contentId: 'cid-1',
    isInline: false,
  } as const;

  it('is the very request the buffered one is, the bytes streamed into the Content', async () => {
    const buffered = buildCreateAttachment({
      parent,
      attachments: [{ ...metadata, content: bytes }],
      version: 'Exchange2016',
    }).xml;
    const streamed = await streamedText(
      buildStreamedCreateAttachment(parent, metadata, 'Exchange2016', once(base64)),
    );
    expect(streamed).toBe(buffered);
    envelope(streamed);
  });

  it('checks the fields for the server as the buffered request does', async () => {
    const photo = { ...metadata, isContactPhoto: true };
    const buffered = buildCreateAttachment({
      parent,
      attachments: [{ ...photo, content: bytes }],
      version: 'Exchange2010',
    });
    const streamed = await streamedText(
      buildStreamedCreateAttachment(parent, photo, 'Exchange2010', once(base64)),
    );
    expect(streamed).toBe(buffered.xml);
    envelope(streamed);
    // IsContactPhoto is Exchange 2010's: refused for an older server, streamed or not.
    const refused = expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' });
    expect(() =>
      buildCreateAttachment({
        parent,
        attachments: [{ ...photo, content: bytes }],
        version: 'Exchange2007_SP1',
      }),
    ).toThrow(refused);
    expect(() => buildStreamedCreateAttachment(parent, photo, 'Exchange2007_SP1', once(base64))).toThrow(
      refused,
    );
  });
});

describe('a seek view', () => {
  const q = filterFor(MessageModel);
  const seekBody = (condition: SeekCondition) =>
    buildFindItem({
      folders: [inbox],
      shape: el('m:ItemShape', {}, el('t:BaseShape', {}, 'IdOnly')),
      view: { type: 'seek', maxEntries: 10, condition },
    });

  it("sends the restriction's search expression as its Condition", () => {
    const result = restrictionXml(q.and(q.eq('isRead', false), q.contains('subject', 'a & b')), {
      version: 'Exchange2016',
    });
    if (result.matches !== 'some') throw new Error('the filter matches some items');
    const body = seekBody(result).xml;
    expect(body).toContain(
      `<m:SeekToConditionPageItemView MaxEntriesReturned="10" BasePoint="Beginning"><t:Condition>${result.expression.xml}</t:Condition></m:SeekToConditionPageItemView>`,
    );
    expect(result.xml.xml).toBe(`<m:Restriction>${result.expression.xml}</m:Restriction>`);
    envelope(body);
  });

  it('refuses a bare fragment (a caller without types) rather than send an empty Condition', () => {
    const restriction = restrictionXml(q.eq('isRead', true), { version: 'Exchange2016' });
    if (restriction.matches !== 'some') throw new Error('the filter matches some items');
    expect(() => seekBody(restriction.xml as never)).toThrow(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
    );
  });
});

// The class: no services source reads a fragment's text to cut or search it, except the one
// streamed-body slot in internal/xml.ts, which splits an element services built itself.
describe('services composes fragments without cutting their text', () => {
  const srcDir = join(import.meta.dirname, '../src');
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const CUT =
    /\bxml\s*\.\s*(?:slice|substring|substr|split|indexOf|lastIndexOf|includes|startsWith|endsWith|match|matchAll|replace|replaceAll|search)\s*\(/g;

  it('finds source files to scan', () => expect(files.length).toBeGreaterThan(50));

  it('no `.xml.slice(…)`, `.xml.split(…)`, `.xml.matchAll(…)`… outside the streamed-body slot', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(srcDir, file), 'utf8');
      for (const match of text.matchAll(CUT)) {
        if (
          file === join('internal', 'xml.ts') &&
          text.slice(0, match.index).includes('export function streamedBody')
        )
          continue;
        found.push(`${file}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan sees a cut when there is one', () => {
    const sample = 'const x = shape.xml.matchAll(/<t:FieldURI/g); const y = whole.xml .slice(3);';
    expect([...sample.matchAll(CUT)]).toHaveLength(2);
  });
});
