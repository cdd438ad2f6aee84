import type { StoredAttachment, StoredFileAttachment, StoredItem } from '../store/item-model.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { formatDateTime } from './values.js';

/** `<t:AttachmentId>` with the root item, as Exchange reports it. */
export function attachmentIdEl(attachment: StoredAttachment, root: StoredItem): XmlFragment {
  return el('t:AttachmentId', { Id: attachment.id, RootItemId: root.id, RootItemChangeKey: root.changeKey });
}

/** The element an attachment is written as. */
export function attachmentElement(attachment: StoredAttachment): 't:FileAttachment' | 't:ItemAttachment' {
  return attachment.kind === 'item' ? 't:ItemAttachment' : 't:FileAttachment';
}

/**
 * A FileAttachment: metadata only (item responses) or with Content (GetAttachment). Both carry
 * only the attachment's Id (as Exchange's do): clients echo it into requests, where RootItemId is not allowed.
 */
export function renderFileAttachment(attachment: StoredFileAttachment, withContent: boolean): XmlFragment {
  return el(
    't:FileAttachment',
    null,
    el('t:AttachmentId', { Id: attachment.id }),
    textEl('t:Name', attachment.name),
    textEl('t:ContentType', attachment.contentType),
    textEl('t:ContentId', attachment.contentId),
    textEl('t:Size', attachment.size),
    textEl('t:LastModifiedTime', formatDateTime(attachment.lastModifiedTime)),
    textEl('t:IsInline', attachment.isInline),
    withContent ? textEl('t:IsContactPhoto', false) : undefined,
    withContent ? textEl('t:Content', attachment.contentBase64) : undefined,
  );
}

/** An attachment as item responses list it: metadata only (GetAttachment returns an item attachment's item). */
export function renderAttachmentSummary(attachment: StoredAttachment, item?: XmlFragment): XmlFragment {
  if (attachment.kind !== 'item') return renderFileAttachment(attachment, false);
  return el(
    't:ItemAttachment',
    null,
    el('t:AttachmentId', { Id: attachment.id }),
    textEl('t:Name', attachment.name),
    textEl('t:ContentType', attachment.contentType),
    textEl('t:Size', attachment.size),
    textEl('t:LastModifiedTime', formatDateTime(attachment.lastModifiedTime)),
    textEl('t:IsInline', attachment.isInline),
    item,
  );
}

/** Whether Exchange counts the item as having attachments (inline images do not count). */
export function hasAttachments(item: StoredItem): boolean {
  return item.attachments.some((a) => !a.isInline);
}
