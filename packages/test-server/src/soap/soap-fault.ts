import { el, toXml } from '../xml/xml-writer.js';
import { NS } from './namespaces.js';

/** A request-level failure Exchange reports as a SOAP fault (HTTP 500). */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    /** EWS ResponseCode, e.g. ErrorSchemaValidation, ErrorInvalidServerVersion. */
    readonly responseCode: string,
    message: string,
    /** SOAP faultcode qualifier: Client for request problems, Server otherwise. */
    readonly faultKind: 'Client' | 'Server' = 'Client',
  ) {
    super(message);
  }
}

/** The fault body Exchange 2016 sends: faultcode qualified by the types namespace, detail with e:ResponseCode. */
export function renderFault(fault: SoapFault): string {
  const code = fault.faultKind === 'Client' ? `a:${fault.responseCode}` : 's:Server';
  const envelope = el(
    's:Envelope',
    { 'xmlns:s': NS.soap },
    el(
      's:Body',
      null,
      el(
        's:Fault',
        null,
        el('faultcode', { 'xmlns:a': NS.types }, code),
        el('faultstring', { 'xml:lang': 'en-US' }, fault.message),
        el(
          'detail',
          null,
          el('e:ResponseCode', { 'xmlns:e': NS.errors }, fault.responseCode),
          el('e:Message', { 'xmlns:e': NS.errors }, fault.message),
        ),
      ),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}`;
}
