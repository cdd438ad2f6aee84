import { escapeAttribute, escapeText } from '@ews/core';

/** `<t:FieldURI FieldURI="…"/>` */
export function fieldUriXml(fieldUri: string): string {
  return `<t:FieldURI FieldURI="${escapeAttribute(fieldUri)}"/>`;
}

/** An element holding escaped text, e.g. `textElement('t:Name', 'A & B')`. */
export function textElement(qname: string, value: string): string {
  return `<${qname}>${escapeText(value)}</${qname}>`;
}

/** xs:dateTime in UTC without milliseconds: every Exchange version parses it. */
export function utcDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
