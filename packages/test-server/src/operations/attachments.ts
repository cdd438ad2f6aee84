import { attachmentIdEl, renderFileAttachment } from '../render/attachments.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredAttachment, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { requireAccess } from './resolve-folder.js';
import { resolveItem } from './resolve-item.js';

const NOT_FOUND = () => new ResponseError('ErrorInvalidAttachmentId', 'The attachment could not be found.');

interface FoundAttachment {
  readonly store: MailboxStore;
  readonly item: StoredItem;
  readonly attachment: StoredAttachment;
}

function findAttachment(ctx: OperationContext, idEl: XmlElement | undefined): FoundAttachment {
  const id = idEl?.attrs.Id ?? '';
  const store = ctx.state.storeForId(id);
  if (store === undefined) throw NOT_FOUND();
  for (const item of store.items.values()) {
    const attachment = item.attachments.find((a) => a.id === id);
    if (attachment !== undefined) {
      requireAccess(ctx, store);
      return { store, item, attachment };
    }
  }
  throw NOT_FOUND();
}

function parseFileAttachment(store: MailboxStore, attachmentEl: XmlElement, now: Date): StoredAttachment {
  if (attachmentEl.name !== 'FileAttachment') {
    throw new ResponseError('ErrorInvalidRequest', `${attachmentEl.name} is not supported by this server.`);
  }
  const contentBase64 = (childText(attachmentEl, 'Content') ?? '').replace(/\s+/g, '');
  const name = childText(attachmentEl, 'Name');
  if (name === undefined || name === '') {
    throw new ResponseError('ErrorInvalidPropertySet', 'An attachment needs a Name.');
  }
  const isInline = childText(attachmentEl, 'IsInline');
  return {
    id: store.newAttachmentId(),
    name,
    contentType: childText(attachmentEl, 'ContentType') ?? 'application/octet-stream',
    contentId: childText(attachmentEl, 'ContentId'),
    isInline: isInline === 'true' || isInline === '1',
    contentBase64,
    size: Buffer.from(contentBase64, 'base64').length,
    lastModifiedTime: now,
  };
}

/** CreateAttachment: file attachments on one parent item; each answer carries the root item's new change key. */
export const createAttachment: OperationHandler = (ctx, request) => {
  const attachments = child(request, 'Attachments')?.children ?? [];
  const messages = attachments.map((attachmentEl) =>
    messageFor(
      'CreateAttachmentResponseMessage',
      () => {
        const parent = child(request, 'ParentItemId');
        if (parent === undefined) throw new ResponseError('ErrorItemNotFound', 'ParentItemId is missing.');
        const { store, view } = resolveItem(ctx, parent);
        const attachment = parseFileAttachment(store, attachmentEl, ctx.now);
        view.item.attachments.push(attachment);
        store.touch(view.item, ctx.now);
        return el('m:Attachments', null, el('t:FileAttachment', null, attachmentIdEl(attachment, view.item)));
      },
      () => el('m:Attachments', null),
    ),
  );
  return operationResponse('CreateAttachment', messages);
};

/** GetAttachment: each file attachment with its content. */
export const getAttachment: OperationHandler = (ctx, request) => {
  const ids = child(request, 'AttachmentIds')?.children ?? [];
  const messages = ids.map((idEl) =>
    messageFor(
      'GetAttachmentResponseMessage',
      () => {
        const { attachment } = findAttachment(ctx, idEl);
        return el('m:Attachments', null, renderFileAttachment(attachment, true));
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
      const { store, item, attachment } = findAttachment(ctx, idEl);
      item.attachments = item.attachments.filter((a) => a !== attachment);
      store.touch(item, ctx.now);
      return el('m:RootItemId', { RootItemId: item.id, RootItemChangeKey: item.changeKey });
    }),
  );
  return operationResponse('DeleteAttachment', messages);
};
