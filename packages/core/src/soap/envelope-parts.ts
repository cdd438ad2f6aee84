import { EwsProtocolError } from '../errors/error-classes.js';
import type { XmlNode } from '../xml/xml-node.js';
import { describeElement } from './describe-element.js';
import { SOAP_ENVELOPE_NAMESPACE } from './namespaces.js';

/**
 * The Header and Body of a SOAP 1.1 Envelope (`root`, the document's root element), in the order
 * SOAP 1.1 gives them: an optional Header first, then the Body, then only namespace-qualified
 * elements of other namespaces. Anything else is refused with EWS_PROTOCOL: a root that is not
 * SOAP 1.1's Envelope, a Header or Body of another namespace (a `t:Body`, a Header moved to some
 * namespace, whose ServerVersionInfo would silently go missing), a Header after the Body, a second
 * Body, an element in no namespace. For any SOAP answer (EWS's, Autodiscover's).
 */
export function soapEnvelopeParts(
  root: XmlNode,
  operation?: string,
): { readonly header: XmlNode | undefined; readonly body: XmlNode } {
  if (root.name !== 'Envelope' || root.namespace !== SOAP_ENVELOPE_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected a SOAP 1.1 Envelope (namespace ${SOAP_ENVELOPE_NAMESPACE}), got ${describeElement(root)}`,
      { operation },
    );
  }
  const parts = root.children;
  let next = 0;
  let header: XmlNode | undefined;
  const first = parts[0];
  if (first !== undefined && first.name === 'Header' && first.namespace === SOAP_ENVELOPE_NAMESPACE) {
    header = first;
    next = 1;
  }
  const body = parts[next];
  if (body === undefined) throw new EwsProtocolError('The SOAP envelope has no Body', { operation });
  if (body.name !== 'Body' || body.namespace !== SOAP_ENVELOPE_NAMESPACE) {
    const expected = header === undefined ? 'the SOAP Header or Body' : 'the SOAP Body';
    throw new EwsProtocolError(
      `Expected ${expected} (namespace ${SOAP_ENVELOPE_NAMESPACE}) in the Envelope, got ${describeElement(body)}`,
      { operation },
    );
  }
  for (let index = next + 1; index < parts.length; index++) {
    const extra = parts[index] as XmlNode;
    if (extra.namespace === '' || extra.namespace === SOAP_ENVELOPE_NAMESPACE) {
      throw new EwsProtocolError(
        `After the SOAP Body an Envelope holds only elements of other namespaces, got ${describeElement(extra)}`,
        { operation },
      );
    }
  }
  return { header, body };
}
