import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { el, isXmlFragment, raw, XML_DECLARATION, type XmlFragment } from '../xml/write.js';
import { buildSoapHeaders, type SoapHeaderOptions } from './headers/build-headers.js';

export type { DateTimePrecision, SoapHeaderOptions } from './headers/build-headers.js';
export type { Impersonation } from './headers/impersonation.js';
export type { ManagementRole } from './headers/management-role.js';

import { EWS_MESSAGES_NAMESPACE, EWS_NAMESPACE_DECLARATIONS } from './namespaces.js';

/** Content-Type of every EWS request (SOAP 1.1). */
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** The SOAPAction header value for an operation, e.g. `soapActionFor('GetFolder')`. */
export function soapActionFor(operation: string): string {
  if (typeof operation !== 'string' || !OPERATION_NAME.test(operation)) {
    throw new EwsInvalidArgumentError(
      `Not an EWS operation name: ${JSON.stringify(String(operation).slice(0, 60))}`,
    );
  }
  return `${EWS_MESSAGES_NAMESPACE}/${operation}`;
}

export interface EnvelopeOptions extends SoapHeaderOptions {
  /**
   * The operation element, already serialized with the `m:`/`t:` prefixes declared on the
   * envelope, e.g. `<m:GetFolder>…</m:GetFolder>` or an `el(...)` fragment.
   */
  readonly body: string | XmlFragment;
}

function bodyXml(body: string | XmlFragment): string {
  const xml = isXmlFragment(body) ? body.xml : body;
  if (typeof xml !== 'string' || !xml.trimStart().startsWith('<')) {
    throw new EwsInvalidArgumentError(
      'body must be the serialized operation element, e.g. <m:GetFolder>…</m:GetFolder>',
    );
  }
  return xml;
}

/**
 * Wraps an operation element in a SOAP 1.1 envelope with the EWS headers. All options are
 * validated first (EwsInvalidArgumentError); the result is one line with no insignificant whitespace.
 */
export function buildEnvelope(options: EnvelopeOptions): string {
  const headers = buildSoapHeaders(options);
  const body = bodyXml(options.body);
  return (
    XML_DECLARATION +
    `<soap:Envelope ${EWS_NAMESPACE_DECLARATIONS}>` +
    el('soap:Header', {}, headers).xml +
    el('soap:Body', {}, raw(body)).xml +
    '</soap:Envelope>'
  );
}
