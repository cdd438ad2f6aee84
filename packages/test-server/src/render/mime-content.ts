import type { Person, StoredItem } from '../store/item-model.js';

function address(person: Person): string {
  return `"${person.name.replace(/"/g, "'")}" <${person.address}>`;
}

// RFC 2047 encoded-word for non-ASCII header text.
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/**
 * The item as an RFC 5322 message, base64-encoded as t:MimeContent carries it (IncludeMimeContent).
 * A simple single-part rendering: headers from the item, the body as text/plain or text/html.
 */
export function mimeContentOf(item: StoredItem): string {
  if (item.mimeContent !== undefined) return item.mimeContent;
  const message = item.message;
  const from = message?.from ?? item.calendar?.organizer;
  const date = item.dateTimeSent ?? item.dateTimeCreated;
  const lines = [
    ...(from ? [`From: ${address(from)}`] : []),
    ...(message && message.to.length > 0 ? [`To: ${message.to.map(address).join(', ')}`] : []),
    ...(message && message.cc.length > 0 ? [`Cc: ${message.cc.map(address).join(', ')}`] : []),
    `Subject: ${headerText(item.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    ...(message ? [`Message-ID: ${message.internetMessageId}`] : []),
    ...(message?.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`] : []),
    ...(message?.references ? [`References: ${message.references}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: ${item.bodyType === 'HTML' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
    'Content-Transfer-Encoding: base64',
    '',
    (
      Buffer.from(item.body, 'utf8')
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\r\n'),
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
}
