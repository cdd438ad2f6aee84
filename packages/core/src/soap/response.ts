import { EwsProtocolError } from '../errors/error-classes.js';
import { child, children, parseXml, type XmlNode } from '../xml/parse.js';
import { decodeSoapFault, type SoapFault } from './fault.js';
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

/**
 * Decodes an EWS SOAP response (whatever the HTTP status: Exchange sends faults, and some valid
 * answers, with HTTP 500). Throws EwsProtocolError for a body that is not XML, not a SOAP
 * envelope, has no Body, or answers a different operation.
 */
export function decodeSoapResponse(xml: string, operation: string): DecodedSoapResponse {
  const decoded = decodeSoapEnvelope(xml, operation);
  const expected = `${operation}Response`;
  if (!decoded.fault && decoded.responseNode.name !== expected) {
    throw new EwsProtocolError(
      `Expected <${expected}> in the SOAP body, got <${decoded.responseNode.name}>`,
      {
        operation,
      },
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

/** Like decodeSoapResponse, for callers that do not know the operation (e.g. response classifiers). */
export function decodeSoapEnvelope(xml: string, operation?: string): DecodedSoapResponse {
  const deferChildrenOf = operation === undefined ? undefined : DEFERRED_LISTS.get(operation);
  const root = parseXml(xml, { operation, deferChildrenOf });
  if (root.name !== 'Envelope') {
    throw new EwsProtocolError(`Expected a SOAP Envelope, got <${root.name}>`, { operation });
  }
  const body = child(root, 'Body');
  if (!body) throw new EwsProtocolError('The SOAP envelope has no Body', { operation });
  const [first] = body.children;
  if (!first) throw new EwsProtocolError('The SOAP Body is empty', { operation });
  const serverVersion = readServerVersionInfo(child(root, 'Header'));
  if (first.name === 'Fault') {
    return { serverVersion, fault: decodeSoapFault(first), responseNode: first, messages: [] };
  }
  return { serverVersion, fault: undefined, responseNode: first, messages: readMessages(first, operation) };
}

/**
 * Where the ResponseMessages are: in `ResponseMessages` (most operations), a single
 * `ResponseMessage` child (OOF settings), or the response element itself when it carries
 * ResponseClass (GetRoomLists, GetPasswordExpirationDate…). Other shapes (GetUserAvailability)
 * have none here; their readers walk `responseNode`.
 */
function readMessages(response: XmlNode, operation: string | undefined): readonly ResponseMessage[] {
  const list = child(response, 'ResponseMessages');
  if (list) return children(list).map((node, index) => decodeResponseMessage(node, index, operation));
  const single = child(response, 'ResponseMessage');
  if (single) return [decodeResponseMessage(single, 0, operation)];
  if (response.attributes.ResponseClass !== undefined) return [decodeResponseMessage(response, 0, operation)];
  return [];
}

export type { SoapFault } from './fault.js';
export type { ResponseClass, ResponseMessage } from './response-message.js';
export type { ServerVersionInfo } from './server-version-info.js';
