import { conversationIdOf } from '../store/conversations.js';
import { el, textEl } from '../xml/xml-writer.js';
import { hasAttachments, renderAttachmentSummary } from './attachments.js';
import { bodyAs } from './body-conversion.js';
import { bool, date, type ItemField } from './field-types.js';
import { type ItemView, viewSubject } from './item-view.js';

/** ItemType's properties, in schema order. */
export const ITEM_BASE_FIELDS: readonly ItemField[] = [
  {
    uri: 'item:ParentFolderId',
    kinds: 'all',
    inDefault: false,
    write: (v) => el('t:ParentFolderId', { Id: v.item.parentFolderId, ChangeKey: 'AQAAAA==' }),
  },
  {
    uri: 'item:ItemClass',
    kinds: 'all',
    inDefault: false,
    write: (v) => textEl('t:ItemClass', v.item.itemClass),
    value: (v) => v.item.itemClass,
  },
  {
    uri: 'item:Subject',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Subject', viewSubject(v)),
    value: (v) => viewSubject(v),
  },
  {
    uri: 'item:Sensitivity',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Sensitivity', v.item.sensitivity),
    value: (v) => v.item.sensitivity,
  },
  {
    uri: 'item:Body',
    kinds: 'all',
    inDefault: true,
    findByName: true,
    write: (v) => {
      const body = bodyAs(v.item.body, v.item.bodyType, v.bodyType ?? 'Best');
      return el('t:Body', { BodyType: body.type }, v.truncated ? firstChars(body.text, 255) : body.text);
    },
  },
  {
    uri: 'item:Attachments',
    kinds: 'all',
    inDefault: true,
    getItemOnly: true,
    write: (v) =>
      v.item.attachments.length === 0
        ? undefined
        : el(
            't:Attachments',
            null,
            v.item.attachments.map((a) => renderAttachmentSummary(a)),
          ),
  },
  {
    uri: 'item:DateTimeReceived',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeReceived', v.item.dateTimeReceived),
    value: (v) => v.item.dateTimeReceived,
  },
  {
    uri: 'item:Size',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Size', 200 + Buffer.byteLength(v.item.subject + v.item.body)),
    value: (v) => 200 + Buffer.byteLength(v.item.subject + v.item.body),
  },
  {
    uri: 'item:Categories',
    kinds: 'all',
    inDefault: false,
    write: (v) =>
      v.item.categories.length === 0
        ? undefined
        : el(
            't:Categories',
            null,
            v.item.categories.map((c) => textEl('t:String', c)),
          ),
    value: (v) => v.item.categories.join(';'),
  },
  {
    uri: 'item:Importance',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Importance', v.item.importance),
    value: (v) => v.item.importance,
  },
  {
    // Set on replies and forwards: the original's InternetMessageId.
    uri: 'item:InReplyTo',
    kinds: ['Message', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: false,
    write: (v) => textEl('t:InReplyTo', v.item.message?.inReplyTo),
    value: (v) => v.item.message?.inReplyTo,
  },
  {
    // Exchange answers it for every item: a message is a draft until it is sent; other items never are.
    // exchangelib reads a missing IsDraft as "not a draft" and then leaves a draft's From out of a save.
    uri: 'item:IsDraft',
    kinds: 'all',
    inDefault: false,
    write: (v) => bool('t:IsDraft', v.item.message?.isDraft ?? false),
    value: (v) => v.item.message?.isDraft ?? false,
  },
  {
    uri: 'item:DateTimeSent',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeSent', v.item.dateTimeSent),
    value: (v) => v.item.dateTimeSent,
  },
  {
    uri: 'item:DateTimeCreated',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeCreated', v.item.dateTimeCreated),
    value: (v) => v.item.dateTimeCreated,
  },
  {
    uri: 'item:DisplayCc',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:DisplayCc', (v.item.message?.cc ?? []).map((p) => p.name).join('; ')),
  },
  {
    uri: 'item:DisplayTo',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:DisplayTo', displayTo(v)),
    value: (v) => displayTo(v),
  },
  {
    uri: 'item:HasAttachments',
    kinds: 'all',
    inDefault: true,
    write: (v) => bool('t:HasAttachments', hasAttachments(v.item)),
    value: (v) => hasAttachments(v.item),
  },
  {
    uri: 'item:ConversationId',
    kinds: 'all',
    inDefault: false,
    write: (v) => {
      const id = conversationIdOf(v.item);
      return id === undefined ? undefined : el('t:ConversationId', { Id: id });
    },
  },
  {
    uri: 'item:LastModifiedTime',
    kinds: 'all',
    inDefault: false,
    write: (v) => date('t:LastModifiedTime', v.item.lastModifiedTime),
    value: (v) => v.item.lastModifiedTime,
  },
];

function displayTo(view: ItemView): string {
  const message = view.item.message;
  if (message) return message.to.map((p) => p.name).join('; ');
  return (view.item.calendar?.requiredAttendees ?? []).map((a) => a.person.name).join('; ');
}

/** The first `count` UTF-16 units, never ending inside a surrogate pair. */
function firstChars(text: string, count: number): string {
  if (text.length <= count) return text;
  const code = text.charCodeAt(count - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? count - 1 : count);
}
