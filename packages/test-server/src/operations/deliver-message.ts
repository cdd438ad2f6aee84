import type { MessageData, Person, StoredAttachment } from '../store/item-model.js';
import { addNewItem } from '../store/new-item.js';
import { applyInboxRules } from './apply-inbox-rules.js';
import type { OperationContext } from './operation-context.js';

export interface SentMessage {
  readonly subject: string;
  readonly body: string;
  readonly bodyType: 'HTML' | 'Text';
  /** As the sender keeps it; its `bcc` receive copies but are not shown in them. */
  readonly message: MessageData;
  readonly attachments?: readonly StoredAttachment[];
}

/**
 * Delivers a sent message to every internal recipient's inbox (Bcc recipients too, unseen in the copies),
 * where their inbox rules then apply.
 */
export function deliver(ctx: OperationContext, sent: SentMessage): void {
  const { bcc = [], ...visible } = sent.message;
  const everyone: Person[] = [...visible.to, ...visible.cc, ...bcc];
  for (const person of everyone) {
    const store = ctx.state.storeFor(person.address);
    if (store === undefined) continue;
    const delivered = addNewItem(store, {
      kind: 'Message',
      folderId: store.requireDistinguished('inbox').id,
      subject: sent.subject,
      body: sent.body,
      bodyType: sent.bodyType,
      created: ctx.now,
      received: ctx.now,
      sent: ctx.now,
      message: structuredClone({ ...visible, isRead: false, isDraft: false }),
    });
    delivered.attachments = store.copyAttachments(sent.attachments ?? []);
    // The recipient's inbox rules file, flag or delete it on arrival.
    applyInboxRules(store, delivered, ctx.now);
  }
}
