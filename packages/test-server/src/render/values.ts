import type { Attendee, Person } from '../store/item-model.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';

/** Exchange writes UTC date-times without fractions: 2016-08-15T09:30:00Z. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 10)}Z`;
}

/** xs:duration for a span in milliseconds, e.g. PT1H30M. */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.round(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  let out = 'P';
  if (days) out += `${days}D`;
  if (hours || minutes || !days) out += 'T';
  if (hours) out += `${hours}H`;
  if (minutes || (!hours && !days)) out += `${minutes}M`;
  return out;
}

export function mailboxXml(person: Person, name = 't:Mailbox'): XmlFragment {
  return el(
    name,
    null,
    textEl('t:Name', person.name),
    textEl('t:EmailAddress', person.address),
    textEl('t:RoutingType', 'SMTP'),
    textEl('t:MailboxType', person.mailboxType ?? 'Mailbox'),
  );
}

export function singleRecipient(name: string, person: Person | undefined): XmlContent {
  return person === undefined ? undefined : el(name, null, mailboxXml(person));
}

export function recipients(name: string, people: readonly Person[]): XmlContent {
  return people.length === 0
    ? undefined
    : el(
        name,
        null,
        people.map((p) => mailboxXml(p)),
      );
}

export function attendees(name: string, list: readonly Attendee[]): XmlContent {
  if (list.length === 0) return undefined;
  return el(
    name,
    null,
    list.map((a) =>
      el(
        't:Attendee',
        null,
        mailboxXml(a.person),
        textEl('t:ResponseType', a.responseType),
        a.lastResponseTime === undefined
          ? undefined
          : textEl('t:LastResponseTime', formatDateTime(a.lastResponseTime)),
      ),
    ),
  );
}
