import {
  attachmentElement,
  attachmentIdEl,
  renderAttachmentSummary,
  renderFileAttachment,
} from '../render/attachments.js';
import { mimeContentOf } from '../render/mime-content.js';
import { renderItem } from '../render/render-item.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredAttachment, StoredItem } from '../store/item-model.js';
import { decodeId, type MailboxStore } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, type XmlFragment } from '../xml/xml-writer.js';
import { malformedId } from './id-checks.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { isEmbeddableItem, parseEmbeddedItem } from './parse-embedded-item.js';
import { requireAccess } from './resolve-folder.js';
import { resolveItem } from './resolve-item.js';

const NOT_FOUND = () => new ResponseError('ErrorInvalidAttachmentId', 'The attachment could not be found.');

interface FoundAttachment {
  readonly store: MailboxStore;
  /** The stored item the attachment hangs from (the root, also for attachments of attached items). */
  readonly root: StoredItem;
  /** The item whose attachment list holds it. */
  readonly holder: StoredItem;
  readonly attachment: StoredAttachment;
}

function findIn(
  item: StoredItem,
  id: string,
): { holder: StoredItem; attachment: StoredAttachment } | undefined {
  for (const attachment of item.attachments) {
    if (attachment.id === id) return { holder: item, attachment };
    if (attachment.kind === 'item') {
      const nested = findIn(attachment.item, id);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

function findAttachment(ctx: OperationContext, idEl: XmlElement | undefined): FoundAttachment {
  const id = idEl?.attrs.Id ?? '';
  // An id this server cannot read is ErrorInvalidIdMalformed (as for items); a readable one that names
  // no attachment, ErrorInvalidAttachmentId.
  if (decodeId(id) === undefined) throw malformedId();
  const store = ctx.state.storeForId(id);
  if (store === undefined) throw NOT_FOUND();
  for (const root of store.items.values()) {
    const found = findIn(root, id);
    if (found !== undefined) {
      requireAccess(ctx, store);
      return { store, root, ...found };
    }
  }
  throw NOT_FOUND();
}

function isTrue(text: string | undefined): boolean {
  return text === 'true' || text === '1';
}

/** A t:FileAttachment or t:ItemAttachment of a CreateAttachment request (or of a new item's t:Attachments). */
export function parseAttachment(
  ctx: OperationContext,
  store: MailboxStore,
  attachmentEl: XmlElement,
): StoredAttachment {
  const name = childText(attachmentEl, 'Name');
  const isInline = isTrue(childText(attachmentEl, 'IsInline'));
  if (attachmentEl.name === 'ItemAttachment') {
    const itemEl = attachmentEl.children.find((c) => isEmbeddableItem(c.name));
    if (itemEl === undefined) {
      throw new ResponseError(
        'ErrorInvalidRequest',
        'An item attachment needs a message, meeting, contact or task.',
      );
    }
    const item = parseEmbeddedItem(ctx, store, itemEl, (nested) => parseAttachment(ctx, store, nested));
    return {
      kind: 'item',
      id: store.newAttachmentId(),
      name: name || item.subject,
      contentType: childText(attachmentEl, 'ContentType'),
      isInline,
      size: Buffer.from(mimeContentOf(item), 'base64').length,
      lastModifiedTime: ctx.now,
      item,
    };
  }
  if (attachmentEl.name !== 'FileAttachment') {
    throw new ResponseError('ErrorInvalidRequest', `${attachmentEl.name} is not supported by this server.`);
  }
  const contentBase64 = (childText(attachmentEl, 'Content') ?? '').replace(/\s+/g, '');
  if (name === undefined || name === '') {
    throw new ResponseError('ErrorInvalidPropertySet', 'An attachment needs a Name.');
  }
  return {
    kind: 'file',
    id: store.newAttachmentId(),
    name,
    contentType: childText(attachmentEl, 'ContentType') ?? 'application/octet-stream',
    contentId: childText(attachmentEl, 'ContentId'),
    isInline,
    contentBase64,
    size: Buffer.from(contentBase64, 'base64').length,
    lastModifiedTime: ctx.now,
  };
}

/** CreateAttachment: file and item attachments on one parent item; each answer carries the root item's new change key. */
export const createAttachment: OperationHandler = (ctx, request) => {
  const attachments = child(request, 'Attachments')?.children ?? [];
  const messages = attachments.map((attachmentEl) =>
    messageFor(
      'CreateAttachmentResponseMessage',
      () => {
        const parent = child(request, 'ParentItemId');
        if (parent === undefined) throw new ResponseError('ErrorItemNotFound', 'ParentItemId is missing.');
        const { store, view } = resolveItem(ctx, parent);
        const attachment = parseAttachment(ctx, store, attachmentEl);
        view.item.attachments.push(attachment);
        store.touch(view.item, ctx.now);
        return el(
          'm:Attachments',
          null,
          el(attachmentElement(attachment), null, attachmentIdEl(attachment, view.item)),
        );
      },
      () => el('m:Attachments', null),
    ),
  );
  return operationResponse('CreateAttachment', messages);
};

/** An attachment with its content: a file's bytes, or an attached item in AttachmentShape's shape. */
function renderWithContent(attachment: StoredAttachment, shapeEl: XmlElement | undefined): XmlFragment {
  if (attachment.kind !== 'item') return renderFileAttachment(attachment, true);
  // Exchange returns an attached item with all its properties; AttachmentShape adds MIME and the body type.
  const shape = { ...parseShape(shapeEl), base: 'AllProperties' as const };
  return renderAttachmentSummary(attachment, renderItem({ item: attachment.item }, shape, 'get'));
}

/** GetAttachment: each file attachment with its content, each item attachment with its item. */
export const getAttachment: OperationHandler = (ctx, request) => {
  const ids = child(request, 'AttachmentIds')?.children ?? [];
  const shapeEl = child(request, 'AttachmentShape');
  const messages = ids.map((idEl) =>
    messageFor(
      'GetAttachmentResponseMessage',
      () => {
        const { attachment } = findAttachment(ctx, idEl);
        return el('m:Attachments', null, renderWithContent(attachment, shapeEl));
      },
      () => el('m:Attachments', null),
    ),
  );
  return operationResponse('GetAttachment', messages);
};

/** DeleteAttachment: removes attachments and reports the root item's new change key. */
export const deleteAttachment: OperationHandler = (ctx, request) => {
  const ids = child(request, 'AttachmentIds')?.children ?? [];
  const messages = ids.map((idEl) =>
    messageFor('DeleteAttachmentResponseMessage', () => {
      const { store, root, holder, attachment } = findAttachment(ctx, idEl);
      holder.attachments = holder.attachments.filter((a) => a !== attachment);
      store.touch(root, ctx.now);
      return el('m:RootItemId', { RootItemId: root.id, RootItemChangeKey: root.changeKey });
    }),
  );
  return operationResponse('DeleteAttachment', messages);
};
