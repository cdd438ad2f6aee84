import { el, textEl, toXml } from '../xml/xml-writer.js';
import { NS } from './namespaces.js';
import type { SchemaViolation } from './request-validator.js';

/** A request-level failure Exchange reports as a SOAP fault (HTTP 500). */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    /** EWS ResponseCode, e.g. ErrorSchemaValidation, ErrorInvalidServerVersion. */
    readonly responseCode: string,
    message: string,
    /** SOAP faultcode qualifier: Client for request problems, Server otherwise. */
    readonly faultKind: 'Client' | 'Server' = 'Client',
    /** ErrorSchemaValidation: where the request broke the schema (Exchange's t:MessageXml). */
    readonly violation?: SchemaViolation,
    /** ErrorServerBusy: how long the client should wait (t:MessageXml/t:Value Name="BackOffMilliseconds"). */
    readonly backOffMilliseconds?: number,
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
          fault.violation === undefined
            ? undefined
            : el(
                't:MessageXml',
                { 'xmlns:t': NS.types },
                textEl('t:LineNumber', fault.violation.line),
                textEl('t:LinePosition', fault.violation.position),
                textEl('t:Violation', fault.violation.text),
              ),
          fault.backOffMilliseconds === undefined
            ? undefined
            : el(
                't:MessageXml',
                { 'xmlns:t': NS.types },
                el('t:Value', { Name: 'BackOffMilliseconds' }, String(fault.backOffMilliseconds)),
              ),
        ),
      ),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}`;
}
