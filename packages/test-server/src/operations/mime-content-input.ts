import { type MimeAddress, MimeError, type MimeMessage, readMimeMessage } from '../mime/mime-reader.js';
import type { StoredItem } from '../store/item-model.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { type OperationContext, ResponseError } from './operation-context.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function element(
  name: string,
  children: XmlElement[] = [],
  text = '',
  attrs: Record<string, string> = {},
): XmlElement {
  return { name, attrs, children, text };
}

function mailboxes(listName: string, people: readonly MimeAddress[]): XmlElement[] {
  if (people.length === 0) return [];
  return [
    element(
      listName,
      people.map((p) =>
        element('Mailbox', [
          ...(p.name === undefined ? [] : [element('Name', [], p.name)]),
          element('EmailAddress', [], p.address),
        ]),
      ),
    ),
  ];
}

/** The properties the MIME message gives, as the item elements CreateItem reads, for those the request leaves out. */
function mimeElements(itemEl: XmlElement, mime: MimeMessage): XmlElement[] {
  const absent = (name: string) => child(itemEl, name) === undefined;
  const attachments = mime.attachments.map((a) =>
    element('FileAttachment', [
      element('Name', [], a.name),
      element('ContentType', [], a.contentType),
      ...(a.contentId === undefined ? [] : [element('ContentId', [], a.contentId)]),
      element('IsInline', [], String(a.isInline)),
      element('Content', [], a.content.toString('base64')),
    ]),
  );
  const explicit = child(itemEl, 'Attachments')?.children ?? [];
  return [
    ...(absent('Subject') && mime.subject !== undefined ? [element('Subject', [], mime.subject)] : []),
    ...(absent('Body') && mime.body !== undefined
      ? [element('Body', [], mime.body.text, { BodyType: mime.body.type })]
      : []),
    ...(absent('ToRecipients') ? mailboxes('ToRecipients', mime.to) : []),
    ...(absent('CcRecipients') ? mailboxes('CcRecipients', mime.cc) : []),
    ...(absent('BccRecipients') ? mailboxes('BccRecipients', mime.bcc) : []),
    ...(attachments.length === 0 ? [] : [element('Attachments', [...explicit, ...attachments])]),
  ];
}

/** The base64 t:MimeContent as a message, or Exchange's documented MIME response codes. */
function readMimeContent(mimeEl: XmlElement): { base64: string; mime: MimeMessage } {
  const base64 = mimeEl.text.replace(/\s+/g, '');
  if (!BASE64.test(base64) || base64.length % 4 !== 0) {
    throw new ResponseError(
      'ErrorMimeContentInvalidBase64String',
      'The MIME content is not a valid base64 string.',
    );
  }
  try {
    return { base64, mime: readMimeMessage(Buffer.from(base64, 'base64')) };
  } catch (error) {
    if (error instanceof MimeError) {
      throw new ResponseError(
        'ErrorMimeContentConversionFailed',
        `MIME content conversion failed: ${error.message}.`,
      );
    }
    throw error;
  }
}

/**
 * CreateItem of a message given as MIME (t:MimeContent, base64 RFC 822): Exchange builds the message from
 * it — subject, body, recipients, attachments, and the sender, date and Message-ID of its headers — with the
 * request's own elements taking precedence; GetItem's IncludeMimeContent returns the MIME as given until the
 * item changes. Without MimeContent, `create` runs on the element as sent.
 */
export function createFromMime(
  ctx: OperationContext,
  itemEl: XmlElement,
  create: (itemEl: XmlElement) => StoredItem | undefined,
): StoredItem | undefined {
  const mimeEl = child(itemEl, 'MimeContent');
  if (mimeEl === undefined) return create(itemEl);
  const { base64, mime } = readMimeContent(mimeEl);
  const added = mimeElements(itemEl, mime);
  const kept = itemEl.children.filter(
    (c) =>
      c.name !== 'MimeContent' && !(c.name === 'Attachments' && added.some((a) => a.name === 'Attachments')),
  );
  const item = create({ ...itemEl, children: [...kept, ...added] });
  if (item?.message === undefined) return item;
  const known = mime.from === undefined ? undefined : ctx.state.mailbox(mime.from.address);
  if (mime.from !== undefined) {
    item.message.from = {
      name: mime.from.name ?? known?.name ?? mime.from.address,
      address: known?.address ?? mime.from.address,
      mailboxType: 'Mailbox',
    };
  }
  if (mime.messageId !== undefined) item.message.internetMessageId = mime.messageId;
  if (mime.inReplyTo !== undefined) item.message.inReplyTo = mime.inReplyTo;
  if (mime.references !== undefined) item.message.references = mime.references;
  if (mime.date !== undefined) item.dateTimeSent = mime.date;
  item.mimeContent = base64;
  return item;
}
