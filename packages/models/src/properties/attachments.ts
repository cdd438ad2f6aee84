import { type XmlChild as CoreXmlChild, el, type XmlFragment, type XmlNode } from '@ews/core';
import { readModelElement, writeModelElement } from '../codec/model-codec.js';
import { invalidArgument } from '../errors.js';
import { base64 } from '../kinds/base64.js';
import { dateTime } from '../kinds/date-time.js';
import { type Kind, TYPES_PREFIX, type WriteContext } from '../kinds/kind.js';
import { modelKind } from '../kinds/model-kind.js';
import { boolean, idText, int, text } from '../kinds/scalar-kinds.js';
import { fieldElement } from '../kinds/write-xml.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';

/** t:AttachmentIdType: `<t:AttachmentId Id="…" RootItemId="…" RootItemChangeKey="…"/>`. */
export const AttachmentIdModel = defineModel({
  name: 'AttachmentId',
  xmlName: 'AttachmentId',
  fields: [
    field('id', idText, { xmlName: 'Id', flags: { attribute: true, required: true } }),
    field('rootItemId', text, { xmlName: 'RootItemId', flags: { attribute: true } }),
    field('rootItemChangeKey', text, { xmlName: 'RootItemChangeKey', flags: { attribute: true } }),
  ],
});

// t:AttachmentType, shared by both kinds. The server sets the id, size and modification time.
const attachmentFields = [
  field('attachmentId', modelKind(AttachmentIdModel), { xmlName: 'AttachmentId', flags: { readOnly: true } }),
  field('name', text, { xmlName: 'Name' }),
  field('contentType', text, { xmlName: 'ContentType' }),
  field('contentId', text, { xmlName: 'ContentId' }),
  field('contentLocation', text, { xmlName: 'ContentLocation' }),
  field('size', int, { xmlName: 'Size', flags: { readOnly: true } }),
  field('lastModifiedTime', dateTime, { xmlName: 'LastModifiedTime', flags: { readOnly: true } }),
  field('isInline', boolean, { xmlName: 'IsInline' }),
] as const;

/** t:FileAttachmentType. `content` is the file's bytes (base64 on the wire). */
export const FileAttachmentModel = defineModel({
  name: 'FileAttachment',
  xmlName: 'FileAttachment',
  fields: [
    ...attachmentFields,
    field('isContactPhoto', boolean, { xmlName: 'IsContactPhoto', minVersion: 'Exchange2010' }),
    field('content', base64, { xmlName: 'Content' }),
  ],
});
/** The t:AttachmentType part of t:ItemAttachmentType; the attached item follows it. */
export const ItemAttachmentModel = defineModel({
  name: 'ItemAttachment',
  xmlName: 'ItemAttachment',
  fields: attachmentFields,
});

/** The item elements an ItemAttachment can hold (types.xsd ItemAttachmentType, the ones modelled here). */
export const ATTACHED_ITEM_TYPES = [
  'Item',
  'Message',
  'CalendarItem',
  'Contact',
  'MeetingMessage',
  'MeetingRequest',
  'MeetingResponse',
  'MeetingCancellation',
  'Task',
  'PostItem',
] as const;
export type AttachedItemType = (typeof ATTACHED_ITEM_TYPES)[number];

/**
 * The item inside an ItemAttachment, as its element name and parsed node. The item models
 * themselves carry Attachments, so this module cannot import them (an import cycle); read it
 * with `attachedItemFromXml` and build it with `attachedItem` (items/attached-items.ts).
 */
export interface AttachedItemNode {
  readonly type: AttachedItemType;
  readonly node: XmlNode;
}

export type FileAttachment = { readonly type: 'FileAttachment' } & InferModel<typeof FileAttachmentModel>;
export type ItemAttachment = {
  readonly type: 'ItemAttachment';
  readonly item?: AttachedItemNode;
} & InferModel<typeof ItemAttachmentModel>;
export type Attachment = FileAttachment | ItemAttachment;

/** Writes a parsed node back as XML: attributes, the children in document order, then text. */
function writeNode(name: string, node: XmlNode, where: string): XmlFragment {
  const qname = TYPES_PREFIX + name;
  const attributes: Record<string, string> = {};
  for (const key in node.attributes) {
    // A prefixed attribute (`{uri}local`) has no place in an item EWS reads back.
    if (!key.startsWith('{')) attributes[key] = node.attributes[key] as string;
  }
  const children: CoreXmlChild[] = [];
  // A foreign element (`{uri}local`) is not written back under the types prefix.
  for (const child of node.children)
    if (!child.name.startsWith('{')) children.push(writeNode(child.name, child, where));
  if (node.text !== '') children.push(node.text);
  return fieldElement(where, qname, attributes, children);
}

function isAttachment(value: unknown): value is Attachment {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'FileAttachment' || type === 'ItemAttachment';
}

function writeAttachment(value: Attachment, context: WriteContext, where: string): XmlFragment {
  if (value.type === 'FileAttachment') {
    const { type: _type, ...fields } = value;
    return writeModelElement(FileAttachmentModel, `${TYPES_PREFIX}FileAttachment`, fields, context, where);
  }
  const { type: _type, item, ...fields } = value;
  const qname = `${TYPES_PREFIX}ItemAttachment`;
  if (item === undefined) return writeModelElement(ItemAttachmentModel, qname, fields, context, where);
  // The attached item is the last child, after the t:AttachmentType fields.
  if (!(ATTACHED_ITEM_TYPES as readonly string[]).includes(item.type))
    throw invalidArgument(`${where}: '${item.type}' is not an item type an attachment can hold`);
  const itemXml = writeNode(item.type, item.node, `${where}.${item.type}`);
  return writeModelElement(ItemAttachmentModel, qname, fields, context, where, itemXml);
}

/**
 * One `<t:FileAttachment>` (t:FileAttachmentType) whose `<t:Content>` holds `content` as given:
 * the other fields are checked and written as `attachments` writes them, and Content, the last
 * element of the type, takes the fragment. For a caller that fills the content itself, e.g. base64
 * text streamed into the request while it is sent. `attachment` carries no `content` of its own.
 */
export function fileAttachmentXml(
  attachment: Omit<FileAttachment, 'content'>,
  content: XmlFragment,
  options: { readonly version: ExchangeVersion },
): XmlFragment {
  const where = 'FileAttachment';
  if (!isExchangeVersion(options.version))
    throw invalidArgument(`${where}: options.version is not an Exchange version`);
  if (typeof attachment !== 'object' || attachment === null || attachment.type !== 'FileAttachment')
    throw invalidArgument(`${where}: expects a FileAttachment`);
  const { type: _type, ...fields } = attachment as FileAttachment;
  if (fields.content !== undefined)
    throw invalidArgument(`${where}: the content is given apart, not as a field`);
  const context: WriteContext = { version: options.version, mode: 'create' };
  const qname = `${TYPES_PREFIX}FileAttachment`;
  const contentXml = el(`${TYPES_PREFIX}Content`, {}, content);
  return writeModelElement(FileAttachmentModel, qname, fields, context, where, contentXml);
}

/** t:NonEmptyArrayOfAttachmentsType (Item.Attachments), file and item attachments in document order. */
export const attachments: Kind<Attachment[]> = Object.freeze({
  name: 'list<Attachment>',
  list: true,
  accepts: (value: unknown): value is Attachment[] => Array.isArray(value) && value.every(isAttachment),
  writeElement(qname: string, value: Attachment[], context: WriteContext, where: string): XmlFragment {
    return el(
      qname,
      {},
      value.map((a) => writeAttachment(a, context, where)),
    );
  },
  readElement(node: XmlNode, where: string): Attachment[] {
    const out: Attachment[] = [];
    for (const child of node.children) {
      const { name } = child;
      if (name === 'FileAttachment') {
        const fields = readModelElement(FileAttachmentModel, child, `${where}.FileAttachment`);
        out.push({ type: 'FileAttachment', ...fields });
      } else if (name === 'ItemAttachment') {
        out.push(readItemAttachment(child, `${where}.ItemAttachment`));
      }
    }
    return out;
  },
});

function readItemAttachment(node: XmlNode, where: string): ItemAttachment {
  const fields = readModelElement(ItemAttachmentModel, node, where);
  const attached = node.children.find((c) => (ATTACHED_ITEM_TYPES as readonly string[]).includes(c.name));
  const item =
    attached === undefined ? undefined : { type: attached.name as AttachedItemType, node: attached };
  return { type: 'ItemAttachment', ...fields, ...(item === undefined ? {} : { item }) };
}
