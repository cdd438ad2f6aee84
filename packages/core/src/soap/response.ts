import { EwsProtocolError } from '../errors/error-classes.js';
import { child, children, parseXml, type XmlNode } from '../xml/parse.js';
import type { ReaderLimitOverrides } from '../xml/reader-limits.js';
import { EWS_ANSWER_CONTENT } from './answer-content.js';
import { answerMessagesOf, isResponseMessageElement } from './answer-messages.js';
import { describeElement } from './describe-element.js';
import { soapEnvelopeParts } from './envelope-parts.js';
import { decodeSoapFault, type SoapFault } from './fault.js';
import { EWS_MESSAGES_NAMESPACE, SOAP_ENVELOPE_NAMESPACE } from './namespaces.js';
import { responseElementFor } from './operation-response.js';
import type { AnswerMessages } from './operation-responses.generated.js';

type MessageNames = NonNullable<AnswerMessages['list']>['names'];

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
  return decodeEnvelope(xml, operation, options.limits, expected);
}

// FindItem pages (up to 1,000 items) are read item by item with `eachChild`, so that a page's
// whole tree is never held at once: their item list is built when read. Other answers are built
// at once; deferring them would only parse their items twice (a check pass, then `children`).
const DEFERRED_LISTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['FindItem', Object.freeze(['Items'])],
]);

/**
 * Like decodeSoapResponse, for callers that do not know the operation (e.g. response classifiers):
 * checks the envelope (SOAP 1.1: an optional Header, the Body, then only namespace-qualified
 * elements of other namespaces) and that the Body holds one element, a SOAP Fault or an element of
 * the EWS messages namespace, whatever its name. Read with EWS_ANSWER_CONTENT: an element of a
 * foreign namespace is refused wherever the schema does not allow any (the Header and xs:any
 * content such as MessageXml do), and so is one moved between the messages and types namespaces.
 * The ResponseMessages are read where messages.xsd puts them for the answer element
 * (ANSWER_MESSAGES), and must have the names it gives them.
 */
export function decodeSoapEnvelope(
  xml: string,
  operation?: string,
  options: Pick<DecodeSoapOptions, 'limits'> = {},
): DecodedSoapResponse {
  return decodeEnvelope(xml, operation, options.limits, undefined);
}

/** decodeSoapEnvelope, and when `expected` is given, the answer element must be named so. */
function decodeEnvelope(
  xml: string,
  operation: string | undefined,
  limits: ReaderLimitOverrides | undefined,
  expected: string | undefined,
): DecodedSoapResponse {
  const deferChildrenOf = operation === undefined ? undefined : DEFERRED_LISTS.get(operation);
  const root = parseXml(xml, { operation, deferChildrenOf, limits, content: EWS_ANSWER_CONTENT });
  const { header, body } = soapEnvelopeParts(root, operation);
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
    return { serverVersion, fault: decodeSoapFault(first, operation), responseNode: first, messages: [] };
  }
  if (first.namespace !== EWS_MESSAGES_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected the answer element in the EWS messages namespace (${EWS_MESSAGES_NAMESPACE}) or a SOAP Fault, got ${describeElement(first)}`,
      { operation },
    );
  }
  if (expected !== undefined && first.name !== expected) {
    throw new EwsProtocolError(`Expected <${expected}> in the SOAP body, got ${describeElement(first)}`, {
      operation,
    });
  }
  return { serverVersion, fault: undefined, responseNode: first, messages: readMessages(first, operation) };
}

/**
 * The ResponseMessages of an answer element, where messages.xsd puts them (ANSWER_MESSAGES): in
 * `ResponseMessages` (most operations, each named as the table says: a CreateItem answer holds
 * CreateItemResponseMessages only), a single `ResponseMessage` child (OOF settings), or the answer
 * element itself (GetPersona, GetRoomLists…); where the schema requires the list or the single
 * message, an answer without it is refused. An answer element the table does not know (an
 * operation outside services.wsdl) is read the same way by what it holds. Other shapes
 * (GetUserAvailability) have none here; their readers walk `responseNode`. Every message is an
 * element of the messages namespace.
 */
function readMessages(response: XmlNode, operation: string | undefined): readonly ResponseMessage[] {
  const shape = answerMessagesOf(response.name);
  if (shape === undefined) return readMessagesByShape(response, operation);
  const list = shape.list === undefined ? undefined : child(response, 'ResponseMessages');
  if (shape.list !== undefined) {
    if (list !== undefined) return readList(list, shape.list.names, operation);
    if (shape.list.required)
      throw new EwsProtocolError(`<${response.name}> has no ResponseMessages`, { operation });
  }
  if (shape.single !== undefined) {
    const singles = children(response, 'ResponseMessage');
    if (singles.length > 1) {
      throw new EwsProtocolError(`<${response.name}> holds ${singles.length} ResponseMessages, not one`, {
        operation,
      });
    }
    const [single] = singles;
    if (single !== undefined) return [decodeResponseMessage(single, 0, operation)];
    if (shape.single.required)
      throw new EwsProtocolError(`<${response.name}> has no ResponseMessage`, { operation });
  }
  if (shape.self) return [decodeResponseMessage(response, 0, operation)];
  return [];
}

/**
 * An answer element outside the table (an operation outside services.wsdl, whose messages may be
 * named as messages.xsd does not know): its ResponseMessages wherever it has them.
 */
function readMessagesByShape(response: XmlNode, operation: string | undefined): readonly ResponseMessage[] {
  const list = child(response, 'ResponseMessages');
  if (list) return readList(list, undefined, operation);
  const single = child(response, 'ResponseMessage');
  if (single) return [decodeResponseMessage(single, 0, operation)];
  if (response.attributes.ResponseClass !== undefined) return [decodeResponseMessage(response, 0, operation)];
  return [];
}

/**
 * The messages of a `ResponseMessages` element: each of the messages namespace, and named `names`
 * (`any`: any ResponseMessage element of messages.xsd; undefined: not checked).
 */
function readList(
  list: XmlNode,
  names: MessageNames | undefined,
  operation: string | undefined,
): readonly ResponseMessage[] {
  return list.children.map((node, index) => {
    if (node.namespace !== EWS_MESSAGES_NAMESPACE) {
      throw new EwsProtocolError(
        `Expected ResponseMessages to hold elements of the EWS messages namespace, got ${describeElement(node)}`,
        { operation },
      );
    }
    const named =
      names === undefined ||
      (names === 'any' ? isResponseMessageElement(node.name) : names.includes(node.name));
    if (!named) {
      const expected =
        names === 'any' ? 'ResponseMessage elements' : names.map((name) => `<${name}>`).join(' or ');
      throw new EwsProtocolError(
        `Expected ResponseMessages to hold ${expected}, got ${describeElement(node)}`,
        { operation },
      );
    }
    return decodeResponseMessage(node, index, operation);
  });
}

export type { SoapFault } from './fault.js';
export type { ResponseClass, ResponseMessage } from './response-message.js';
export type { ServerVersionInfo } from './server-version-info.js';
