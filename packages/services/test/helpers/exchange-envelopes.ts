// SOAP envelopes around answers shaped as Exchange sends them, for the reader tests (messages and
// types namespaces declared on the answer element with M and T).

export const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
export const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** An answer as Exchange 2016 writes it: ServerVersionInfo in the header, the answer in the body. */
export const envelope = (body: string): string =>
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>' +
  `<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>` +
  `</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

/** The same answer with no header and no XML declaration. */
export const bareEnvelope = (body: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
