import { conversationTopic } from '../store/conversations.js';
import { textEl } from '../xml/xml-writer.js';
import { bool, type ItemField } from './field-types.js';
import { recipients, singleRecipient } from './values.js';

/** MessageType's properties, in schema order. */
export const MESSAGE_FIELDS: readonly ItemField[] = [
  {
    uri: 'message:Sender',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    write: (v) => singleRecipient('t:Sender', v.item.message?.from),
  },
  {
    uri: 'message:ToRecipients',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => recipients('t:ToRecipients', v.item.message?.to ?? []),
  },
  {
    uri: 'message:CcRecipients',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => recipients('t:CcRecipients', v.item.message?.cc ?? []),
  },
  {
    // Only the sender's own items (drafts, sent copies) have any: delivered copies never show them.
    uri: 'message:BccRecipients',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    getItemOnly: true,
    write: (v) => recipients('t:BccRecipients', v.item.message?.bcc ?? []),
  },
  {
    uri: 'message:From',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => singleRecipient('t:From', v.item.message?.from),
    value: (v) => v.item.message?.from?.address,
  },
  {
    uri: 'message:InternetMessageId',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    write: (v) => textEl('t:InternetMessageId', v.item.message?.internetMessageId),
    value: (v) => v.item.message?.internetMessageId,
  },
  {
    uri: 'message:IsRead',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => bool('t:IsRead', v.item.message?.isRead),
    value: (v) => v.item.message?.isRead,
  },
  {
    uri: 'message:References',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    write: (v) => textEl('t:References', v.item.message?.references),
    value: (v) => v.item.message?.references,
  },
  {
    uri: 'message:ConversationTopic',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    write: (v) => textEl('t:ConversationTopic', conversationTopic(v.item.subject)),
    value: (v) => conversationTopic(v.item.subject),
  },
];
