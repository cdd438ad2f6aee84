import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import { deliver } from './deliver-message.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import type { ResolvedFolder } from './resolve-folder.js';

/**
 * Sends a message already in a mailbox (SendItem, UpdateItem with a sending MessageDisposition):
 * delivers it, then files it in the folder `keep` names (moved within its mailbox, copied into
 * another) or drops it when no copy is kept. It is sent from the mailbox it is stored in. `keep`
 * is resolved after the message is checked, so its errors come after the message's own.
 */
export function sendStoredMessage(
  ctx: OperationContext,
  store: MailboxStore,
  item: StoredItem,
  keep: () => ResolvedFolder | undefined,
): void {
  const message = item.message;
  if (message === undefined) {
    throw new ResponseError('ErrorInvalidItemForOperationSendItem', 'Only messages can be sent.');
  }
  if (message.to.length + message.cc.length + (message.bcc?.length ?? 0) === 0) {
    throw new ResponseError('ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }
  const destination = keep();
  message.isDraft = false;
  message.isRead = true;
  message.from = message.from ?? {
    name: store.owner.name,
    address: store.owner.address,
    mailboxType: 'Mailbox',
  };
  item.dateTimeSent = ctx.now;
  deliver(ctx, {
    subject: item.subject,
    body: item.body,
    bodyType: item.bodyType,
    importance: item.importance,
    sensitivity: item.sensitivity,
    message,
    attachments: item.attachments,
  });
  if (destination === undefined || destination.store !== store) store.items.delete(item.id);
  if (destination === undefined) return;
  if (destination.store === store) {
    store.touch(item, ctx.now);
    // Filed in Sent Items (or SavedItemFolderId): a move, so a new id there, as every move.
    moveItem(ctx.state.transfers, store, item, destination.folder.id, ctx.now);
  } else {
    destination.store.addItem(
      structuredClone({ ...item, id: destination.store.newItemId(), parentFolderId: destination.folder.id }),
    );
  }
}
