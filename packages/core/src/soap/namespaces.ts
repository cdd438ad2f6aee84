/** Namespace URIs of SOAP 1.1 and EWS, and the prefixes @ews writes for them. */

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const EWS_MESSAGES_NAMESPACE = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const EWS_TYPES_NAMESPACE = 'http://schemas.microsoft.com/exchange/services/2006/types';
/** Used by SOAP fault details (`e:ResponseCode`, `e:Message`). */
export const EWS_ERRORS_NAMESPACE = 'http://schemas.microsoft.com/exchange/services/2006/errors';

/**
 * The namespaces of an EWS answer (SOAP 1.1 envelope, EWS messages, types and errors): the
 * elements parseXml reads under their local names by default. Anything else in an answer (a
 * header of another namespace, an element slipped in from a foreign one) keeps its expanded name.
 */
export const EWS_RESPONSE_NAMESPACES: readonly string[] = Object.freeze([
  SOAP_ENVELOPE_NAMESPACE,
  EWS_MESSAGES_NAMESPACE,
  EWS_TYPES_NAMESPACE,
  EWS_ERRORS_NAMESPACE,
]);

/**
 * Prefix → namespace for everything @ews writes. Readers must not rely on these prefixes:
 * Exchange (and exchangelib) use others, e.g. `s:` for the envelope or `h:` for headers.
 */
export const EWS_NAMESPACES = {
  soap: SOAP_ENVELOPE_NAMESPACE,
  m: EWS_MESSAGES_NAMESPACE,
  t: EWS_TYPES_NAMESPACE,
} as const;

export type EwsNamespacePrefix = keyof typeof EWS_NAMESPACES;

/** `xmlns:soap="…" xmlns:m="…" xmlns:t="…"`, declared once on the envelope. */
export const EWS_NAMESPACE_DECLARATIONS: string = Object.entries(EWS_NAMESPACES)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');
