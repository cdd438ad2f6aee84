import { personOf } from '../calendar/book-meeting.js';
import { bodyAs } from '../render/body-conversion.js';
import type { MessageData, Person, StoredItem } from '../store/item-model.js';
import { addNewItem } from '../store/new-item.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { deliver } from './deliver-message.js';
import { referenced } from './meeting-response-objects.js';
import { planMessage, readDisposition } from './message-disposition.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { peopleIn } from './parse-item-input.js';

type SmartResponse = 'reply' | 'replyAll' | 'forward';

const RESPONSE_BY_ELEMENT: Readonly<Record<string, SmartResponse>> = {
  ReplyToItem: 'reply',
  ReplyAllToItem: 'replyAll',
  ForwardItem: 'forward',
};

const SUBJECT_PREFIX: Readonly<Record<SmartResponse, string>> = {
  reply: 'RE: ',
  replyAll: 'RE: ',
  forward: 'FW: ',
};

// Exchange prefixes the conversation topic: earlier RE:/FW: prefixes are not repeated.
const EXISTING_PREFIX = /^((re|fw|fwd|aw|wg|sv|vs)\s*:\s*)+/i;

/** The CreateItem children that reply to or forward an item. */
export function isReplyOrForwardObject(name: string): boolean {
  return name in RESPONSE_BY_ELEMENT;
}

/** Who sent the original and to whom, for messages and meetings alike. */
interface OriginalPeople {
  readonly from: Person | undefined;
  readonly to: readonly Person[];
  readonly cc: readonly Person[];
}

function originalPeople(item: StoredItem): OriginalPeople {
  if (item.message !== undefined) return item.message;
  const data = item.calendar;
  if (data !== undefined) {
    return {
      from: data.organizer,
      to: [...data.requiredAttendees, ...data.resources].map((a) => a.person),
      cc: data.optionalAttendees.map((a) => a.person),
    };
  }
  throw new ResponseError(
    'ErrorInvalidReferenceItem',
    'The reference item does not support the requested operation.',
  );
}

/** `people` without duplicates (by address) and without anyone in `except`. */
function distinct(people: readonly Person[], except: readonly Person[] = []): Person[] {
  const seen = new Set(except.map((p) => p.address.toLowerCase()));
  return people.filter((p) => {
    const key = p.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reply: the sender; reply-all: sender, To and Cc without yourself; forward: nobody (the request names them). */
function impliedRecipients(
  what: SmartResponse,
  original: OriginalPeople,
  me: Person,
): { to: Person[]; cc: Person[] } {
  const sender = original.from === undefined ? [] : [original.from];
  if (what === 'forward') return { to: [], cc: [] };
  if (what === 'reply') return { to: sender, cc: [] };
  const to = distinct([...sender, ...original.to], [me]);
  const cc = distinct(original.cc, [me, ...to]);
  // Replying to all on your own message to yourself still goes somewhere: back to the sender.
  return to.length + cc.length === 0 ? { to: sender, cc: [] } : { to, cc };
}

const names = (people: readonly Person[]) => people.map((p) => p.name).join('; ');

function stripHtmlDocument(html: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The new text above a header block and the original body, as Exchange composes replies and forwards. */
function composeBody(
  original: StoredItem,
  people: OriginalPeople,
  added: { text: string; type: 'HTML' | 'Text' } | undefined,
): { body: string; bodyType: 'HTML' | 'Text' } {
  const type = added?.type ?? original.bodyType;
  const header: [string, string][] = [
    ['From', people.from === undefined ? '' : people.from.name],
    ['Sent', (original.dateTimeSent ?? original.dateTimeCreated).toUTCString()],
    ['To', names(people.to)],
    ...(people.cc.length > 0 ? [['Cc', names(people.cc)] as [string, string]] : []),
    ['Subject', original.subject],
  ];
  const quoted = bodyAs(original.body, original.bodyType, type).text;
  if (type === 'Text') {
    const lines = header.map(([k, v]) => `${k}: ${v}`).join('\r\n');
    const top = added === undefined ? '' : `${added.text}\r\n\r\n`;
    return { body: `${top}________________________________\r\n${lines}\r\n\r\n${quoted}`, bodyType: 'Text' };
  }
  const lines = header.map(([k, v]) => `<b>${k}:</b> ${escapeHtml(v)}`).join('<br>');
  const top = added === undefined ? '' : stripHtmlDocument(added.text);
  return {
    body:
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>' +
      `${top}<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg">${lines}</div><br>` +
      `${stripHtmlDocument(quoted)}</body></html>`,
    bodyType: 'HTML',
  };
}

/**
 * In-Reply-To and References as Exchange sets them on replies and forwards (RFC 5322 3.6.4): the
 * original's Message-ID, appended to the original's own References. A meeting has no Message-ID.
 */
function threadHeaders(original: StoredItem): Pick<MessageData, 'inReplyTo' | 'references'> {
  const id = original.message?.internetMessageId;
  if (id === undefined || id === '') return {};
  const earlier = original.message?.references;
  return { inReplyTo: id, references: earlier === undefined ? id : `${earlier} ${id}` };
}

/**
 * ReplyToItem, ReplyAllToItem, ForwardItem: a new message from the mailbox owner to the implied
 * and named recipients, with the new body above the quoted original. SaveOnly leaves it in Drafts
 * and returns it; SendOnly / SendAndSaveCopy deliver it (and keep a copy in Sent Items for the latter).
 */
export function createReplyOrForward(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
): StoredItem[] {
  const what = RESPONSE_BY_ELEMENT[itemEl.name];
  if (what === undefined) throw new ResponseError('ErrorInvalidRequest', `Unknown ${itemEl.name}.`);
  const mode = readDisposition(request, true);
  const { store, view } = referenced(ctx, itemEl);
  const { sending, kept } = planMessage(ctx, request, { mode, kind: 'Message' });
  const original = view.item;
  const people = originalPeople(original);
  const me = personOf(store.owner);
  const implied = impliedRecipients(what, people, me);
  const to = distinct([...implied.to, ...peopleIn(ctx.state, child(itemEl, 'ToRecipients'), 'Mailbox')]);
  const cc = distinct([...implied.cc, ...peopleIn(ctx.state, child(itemEl, 'CcRecipients'), 'Mailbox')], to);
  const bcc = distinct(peopleIn(ctx.state, child(itemEl, 'BccRecipients'), 'Mailbox'), [...to, ...cc]);
  if (sending && to.length + cc.length + bcc.length === 0) {
    throw new ResponseError('ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }

  // Body replaces the whole body; NewBodyContent goes above the quoted original.
  const wholeBody = child(itemEl, 'Body');
  const added = child(itemEl, 'NewBodyContent');
  const composed =
    wholeBody !== undefined
      ? { body: wholeBody.text, bodyType: wholeBody.attrs.BodyType === 'HTML' ? 'HTML' : 'Text' }
      : composeBody(
          original,
          people,
          added === undefined
            ? undefined
            : { text: added.text, type: added.attrs.BodyType === 'HTML' ? 'HTML' : 'Text' },
        );
  const message: MessageData = {
    from: me,
    to,
    cc,
    ...(bcc.length > 0 ? { bcc } : {}),
    isRead: true,
    isDraft: !sending,
    internetMessageId: `<${ctx.state.ids.next()}.test-server@${ctx.state.directory.domain}>`,
    ...threadHeaders(original),
  };
  const sent = {
    subject:
      childText(itemEl, 'Subject') ??
      `${SUBJECT_PREFIX[what]}${original.subject.replace(EXISTING_PREFIX, '')}`,
    body: composed.body,
    bodyType: composed.bodyType as 'HTML' | 'Text',
    message,
    // A forward carries the original's attachments; a reply does not.
    attachments: what === 'forward' ? original.attachments : [],
  };
  if (sending) deliver(ctx, sent);
  if (kept === undefined) return [];
  const copy = addNewItem(kept.store, {
    kind: 'Message',
    folderId: kept.folder.id,
    subject: sent.subject,
    body: sent.body,
    bodyType: sent.bodyType,
    created: ctx.now,
    ...(sending ? { sent: ctx.now } : {}),
    message,
  });
  copy.attachments = kept.store.copyAttachments(sent.attachments);
  // Exchange returns the draft of a SaveOnly answer; sent answers come back without an id.
  return sending ? [] : [copy];
}
