import type { MessageData, Person, StoredAttachment, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { addNewItem } from '../store/new-item.js';
import { applyConversationRules } from './apply-conversation-action.js';
import { applyInboxRules } from './apply-inbox-rules.js';
import type { OperationContext } from './operation-context.js';

export interface SentMessage {
  readonly subject: string;
  readonly body: string;
  readonly bodyType: 'HTML' | 'Text';
  /** Travels with the message: every delivered copy has the sender's (Normal when unset). */
  readonly importance?: StoredItem['importance'];
  readonly sensitivity?: StoredItem['sensitivity'];
  /** As the sender keeps it; its `bcc` receive copies but are not shown in them. */
  readonly message: MessageData;
  readonly attachments?: readonly StoredAttachment[];
}

/** The internal mailboxes among the recipients, each once however often it is listed (To, Cc, Bcc). */
function recipientStores(ctx: OperationContext, people: readonly Person[]): MailboxStore[] {
  const stores = new Set<MailboxStore>();
  for (const person of people) {
    const store = ctx.state.storeFor(person.address);
    if (store !== undefined) stores.add(store);
  }
  return [...stores];
}

/**
 * Delivers a sent message to every internal recipient's inbox (Bcc recipients too, unseen in the copies),
 * one copy per mailbox as Exchange does, where their inbox rules then apply.
 */
export function deliver(ctx: OperationContext, sent: SentMessage): void {
  const { bcc = [], ...visible } = sent.message;
  for (const store of recipientStores(ctx, [...visible.to, ...visible.cc, ...bcc])) {
    const delivered = addNewItem(store, {
      kind: 'Message',
      folderId: store.requireDistinguished('inbox').id,
      subject: sent.subject,
      body: sent.body,
      bodyType: sent.bodyType,
      ...(sent.importance === undefined ? {} : { importance: sent.importance }),
      ...(sent.sensitivity === undefined ? {} : { sensitivity: sent.sensitivity }),
      created: ctx.now,
      received: ctx.now,
      sent: ctx.now,
      message: structuredClone({ ...visible, isRead: false, isDraft: false }),
    });
    delivered.attachments = store.copyAttachments(sent.attachments ?? []);
    // The conversation's always-* rules (ApplyConversationAction) come first; what they move away
    // is out of the inbox, so inbox rules see only what stays there.
    const filed = applyConversationRules(ctx.state.transfers, store, delivered, ctx.now);
    // The recipient's inbox rules file, flag or delete it on arrival.
    if (filed === delivered) applyInboxRules(ctx.state.transfers, store, delivered, ctx.now);
  }
}
