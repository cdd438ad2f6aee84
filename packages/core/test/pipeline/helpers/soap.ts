import type { EwsHttpRequest } from '../../../src/pipeline/http.js';

const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';

/** Operation bodies shaped like the ones the client sends. */
export const OPERATION_BODIES: Readonly<Record<string, string>> = {
  GetItem:
    `<m:GetItem xmlns:m="${MESSAGES}" xmlns:t="${TYPES}"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>` +
    '<m:ItemIds><t:ItemId Id="AAMkAGI1AAA=" ChangeKey="CQAAABYAAAA="/></m:ItemIds></m:GetItem>',
  CreateItem:
    `<m:CreateItem xmlns:m="${MESSAGES}" xmlns:t="${TYPES}" SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items>` +
    '<t:CalendarItem><t:Subject>Planning</t:Subject><t:Start>2026-11-24T09:00:00Z</t:Start>' +
    '<t:End>2026-11-24T10:00:00Z</t:End><t:RequiredAttendees><t:Attendee><t:Mailbox>' +
    '<t:EmailAddress>bob@contoso.com</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>' +
    '</t:CalendarItem></m:Items></m:CreateItem>',
};

export function soapEnvelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${TYPES}">` +
    '<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header>' +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** A pipeline request for `operation` to `url`, as the client would build it. */
export function ewsRequest(
  url: string,
  operation: string,
  signal: AbortSignal = new AbortController().signal,
  headers: Readonly<Record<string, string>> = {},
): EwsHttpRequest {
  return {
    url: new URL(url),
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"http://schemas.microsoft.com/exchange/services/2006/messages/${operation}"`,
      ...headers,
    },
    body: soapEnvelope(OPERATION_BODIES[operation] ?? `<m:${operation} xmlns:m="${MESSAGES}"/>`),
    operation,
    signal,
  };
}
