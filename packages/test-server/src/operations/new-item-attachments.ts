import { attachmentElement, attachmentIdEl } from '../render/attachments.js';
import { ITEM_ELEMENT } from '../render/item-view.js';
import type { StoredAttachment, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { el, type XmlFragment } from '../xml/xml-writer.js';
import { parseAttachment } from './attachments.js';
import type { OperationContext } from './operation-context.js';
import { actorStore } from './resolve-folder.js';

/**
 * The file and item attachments a new item carries in its t:Attachments (CreateItem), built as
 * CreateAttachment builds them, with ids of `store` (the mailbox the item is saved in).
 */
export function newItemAttachments(
  ctx: OperationContext,
  store: MailboxStore,
  itemEl: XmlElement,
): StoredAttachment[] {
  return (child(itemEl, 'Attachments')?.children ?? []).map((attachmentEl) =>
    parseAttachment(ctx, store, attachmentEl),
  );
}

/**
 * Creates a non-message item and gives it the attachments of its t:Attachments. They are read once
 * before `create` runs, so a bad attachment refuses the request before anything (an invitation) happens.
 */
export function createWithAttachments(
  ctx: OperationContext,
  itemEl: XmlElement,
  create: () => StoredItem,
): StoredItem {
  if (child(itemEl, 'Attachments') === undefined) return create();
  newItemAttachments(ctx, actorStore(ctx), itemEl);
  const item = create();
  const store = ctx.state.storeForId(item.id) ?? actorStore(ctx);
  item.attachments = newItemAttachments(ctx, store, itemEl);
  return item;
}

/**
 * A created item as CreateItem answers it: its ItemId, and the ids of the attachments it was created
 * with (clients such as exchangelib take each new attachment's id from there).
 */
export function createdItemElement(item: StoredItem): XmlFragment {
  return el(
    ITEM_ELEMENT[item.kind],
    null,
    el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey }),
    item.attachments.length === 0
      ? undefined
      : el(
          't:Attachments',
          null,
          item.attachments.map((attachment) =>
            el(attachmentElement(attachment), null, attachmentIdEl(attachment, item)),
          ),
        ),
  );
}
