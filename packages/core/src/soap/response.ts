import { EwsProtocolError } from '../errors/error-classes.js';
import { child, children, parseXml, type XmlNode } from '../xml/parse.js';
import type { ReaderLimitOverrides } from '../xml/reader-limits.js';
import { describeElement } from './describe-element.js';
import { decodeSoapFault, type SoapFault } from './fault.js';
import { EWS_MESSAGES_NAMESPACE, SOAP_ENVELOPE_NAMESPACE } from './namespaces.js';
import { responseElementFor } from './operation-response.js';
import { decodeResponseMessage, type ResponseMessage } from './response-message.js';
import { readServerVersionInfo, type ServerVersionInfo } from './server-version-info.js';

/** A SOAP response read up to the common EWS parts; operation readers take it from here. */
export interface DecodedSoapResponse {
  /** From `soap:Header/ServerVersionInfo` (sent with answers and with errors alike). */
  readonly serverVersion: ServerVersionInfo | undefined;
  /** Set when the body is a `soap:Fault`; then `responseNode` is the Fault element and `messages` is empty. */
  readonly fault: SoapFault | undefined;
  /** The `<m:{Operation}Response>` element (or the Fault element, see `fault`). */
  readonly responseNode: XmlNode;
  /** The ResponseMessages in request order; mixed Success/Warning/Error in a batch. */
  readonly messages: readonly ResponseMessage[];
}

export interface DecodeSoapOptions {
  /**
   * The local name of the answer's element, for an operation that services.wsdl does not define
   * (the table generated from it names every other one).
   */
  readonly responseElement?: string | undefined;
  /** Bounds for reading the answer; DEFAULT_READER_LIMITS for those not given. */
  readonly limits?: ReaderLimitOverrides | undefined;
}

/**
 * Decodes an EWS SOAP response (whatever the HTTP status: Exchange sends faults, and some valid
 * answers, with HTTP 500). Throws EwsProtocolError for a body that is not XML, not a SOAP 1.1
 * envelope, has no Body, or does not hold the element services.wsdl names for `operation` in
 * the EWS messages namespace (GetPersona: `GetPersonaResponseMessage`); EwsInvalidArgumentError
 * for an operation outside services.wsdl without `responseElement`.
 */
export function decodeSoapResponse(
  xml: string,
  operation: string,
  options: DecodeSoapOptions = {},
): DecodedSoapResponse {
  const expected = responseElementFor(operation, options.responseElement);
  const decoded = decodeSoapEnvelope(xml, operation, options);
  if (!decoded.fault && decoded.responseNode.name !== expected) {
    throw new EwsProtocolError(
      `Expected <${expected}> in the SOAP body, got ${describeElement(decoded.responseNode)}`,
      { operation },
    );
  }
  return decoded;
}

// FindItem pages (up to 1,000 items) are read item by item with `eachChild`, so that a page's
// whole tree is never held at once: their item list is built when read. Other answers are built
// at once; deferring them would only parse their items twice (a check pass, then `children`).
const DEFERRED_LISTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['FindItem', Object.freeze(['Items'])],
]);

/**
 * Like decodeSoapResponse, for callers that do not know the operation (e.g. response classifiers):
 * checks the envelope (SOAP 1.1 Envelope and Body, an optional SOAP Header) and that the Body holds
 * one element, a SOAP Fault or an element of the EWS messages namespace, whatever its name.
 */
export function decodeSoapEnvelope(
  xml: string,
  operation?: string,
  options: Pick<DecodeSoapOptions, 'limits'> = {},
): DecodedSoapResponse {
  const deferChildrenOf = operation === undefined ? undefined : DEFERRED_LISTS.get(operation);
  const root = parseXml(xml, { operation, deferChildrenOf, limits: options.limits });
  if (root.name !== 'Envelope' || root.namespace !== SOAP_ENVELOPE_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected a SOAP 1.1 Envelope (namespace ${SOAP_ENVELOPE_NAMESPACE}), got ${describeElement(root)}`,
      { operation },
    );
  }
  const header = soapPart(root, 'Header', operation);
  const body = soapPart(root, 'Body', operation);
  if (!body) throw new EwsProtocolError('The SOAP envelope has no Body', { operation });
  const [first] = body.children;
  if (!first) throw new EwsProtocolError('The SOAP Body is empty', { operation });
  if (body.children.length > 1) {
    throw new EwsProtocolError(
      `The SOAP Body holds ${body.children.length} elements; an EWS answer has one`,
      { operation },
    );
  }
  const serverVersion = readServerVersionInfo(header);
  if (first.name === 'Fault' && first.namespace === SOAP_ENVELOPE_NAMESPACE) {
    return { serverVersion, fault: decodeSoapFault(first), responseNode: first, messages: [] };
  }
  if (first.namespace !== EWS_MESSAGES_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected the answer element in the EWS messages namespace (${EWS_MESSAGES_NAMESPACE}) or a SOAP Fault, got ${describeElement(first)}`,
      { operation },
    );
  }
  return { serverVersion, fault: undefined, responseNode: first, messages: readMessages(first, operation) };
}

/** The Envelope's `Header` or `Body`, which must be SOAP 1.1's (a `t:Body` there is refused). */
function soapPart(
  envelope: XmlNode,
  name: 'Header' | 'Body',
  operation: string | undefined,
): XmlNode | undefined {
  const part = child(envelope, name);
  if (part !== undefined && part.namespace !== SOAP_ENVELOPE_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected the SOAP ${name} in namespace ${SOAP_ENVELOPE_NAMESPACE}, got ${describeElement(part)}`,
      { operation },
    );
  }
  return part;
}

/**
 * Where the ResponseMessages are: in `ResponseMessages` (most operations), a single
 * `ResponseMessage` child (OOF settings), or the response element itself when it carries
 * ResponseClass (GetRoomLists, GetPersona…). Other shapes (GetUserAvailability) have none here;
 * their readers walk `responseNode`. Every message is an element of the messages namespace.
 */
function readMessages(response: XmlNode, operation: string | undefined): readonly ResponseMessage[] {
  const list = child(response, 'ResponseMessages');
  if (list) {
    return children(list).map((node, index) => {
      if (node.namespace !== EWS_MESSAGES_NAMESPACE) {
        throw new EwsProtocolError(
          `Expected ResponseMessages to hold elements of the EWS messages namespace, got ${describeElement(node)}`,
          { operation },
        );
      }
      return decodeResponseMessage(node, index, operation);
    });
  }
  const single = child(response, 'ResponseMessage');
  if (single) return [decodeResponseMessage(single, 0, operation)];
  if (response.attributes.ResponseClass !== undefined) return [decodeResponseMessage(response, 0, operation)];
  return [];
}

export type { SoapFault } from './fault.js';
export type { ResponseClass, ResponseMessage } from './response-message.js';
export type { ServerVersionInfo } from './server-version-info.js';
