import { EwsProtocolError } from '../errors/error-classes.js';
import { type AnyResponseCode, EwsResponseError, type MessageXml } from '../errors/response-error.js';
import { child, childText, type XmlNode } from '../xml/parse.js';
import { describeElement, elementLabel } from './describe-element.js';
import { EWS_MESSAGES_NAMESPACE } from './namespaces.js';
import { formatMessageXml, readMessageXml } from './response-message-xml.js';
import { boundedServerText, MAX_SERVER_NAME_LENGTH } from './server-text.js';

export type ResponseClass = 'Success' | 'Warning' | 'Error';

/**
 * One `m:{Operation}ResponseMessage`: the answer about one item, folder or request. Its texts are
 * the server's, bounded (see boundedServerText).
 */
export interface ResponseMessage {
  readonly responseClass: ResponseClass;
  /** `NoError` on success; codes this version does not know are kept as sent. */
  readonly responseCode: AnyResponseCode;
  readonly messageText: string | undefined;
  readonly descriptiveLinkKey: number | undefined;
  readonly messageXml: MessageXml | undefined;
  /** Position among the response's messages (request order). */
  readonly index: number;
  /** The message element, for operation-specific readers (`Items`, `Folders`, `RootFolder`…). */
  readonly node: XmlNode;
}

const RESPONSE_CLASSES: readonly ResponseClass[] = ['Success', 'Warning', 'Error'];

/**
 * Reads the common part of a ResponseMessage element, which must be of the EWS messages namespace
 * (EWS_PROTOCOL otherwise, as for a missing or unknown ResponseClass).
 */
export function decodeResponseMessage(node: XmlNode, index: number, operation?: string): ResponseMessage {
  if (node.namespace !== EWS_MESSAGES_NAMESPACE) {
    throw new EwsProtocolError(
      `Expected a ResponseMessage of the EWS messages namespace, got ${describeElement(node)}`,
      { operation },
    );
  }
  const responseClass = node.attributes.ResponseClass;
  if (!RESPONSE_CLASSES.includes(responseClass as ResponseClass)) {
    throw new EwsProtocolError(
      `${elementLabel(node)} has ResponseClass ${JSON.stringify(responseClass?.slice(0, 40) ?? null)}, expected Success, Warning or Error`,
      { operation },
    );
  }
  const rawCode = childText(node, 'ResponseCode')?.trim();
  if ((rawCode === undefined || rawCode === '') && responseClass !== 'Success') {
    throw new EwsProtocolError(
      `${elementLabel(node)} with ResponseClass="${responseClass}" has no ResponseCode`,
      { operation },
    );
  }
  const code = rawCode === undefined ? undefined : boundedServerText(rawCode, MAX_SERVER_NAME_LENGTH);
  const linkKey = childText(node, 'DescriptiveLinkKey')?.trim();
  const messageText = childText(node, 'MessageText')?.trim();
  return {
    responseClass: responseClass as ResponseClass,
    responseCode: code || 'NoError',
    messageText: messageText === undefined ? undefined : boundedServerText(messageText),
    descriptiveLinkKey: linkKey !== undefined && /^-?\d{1,10}$/.test(linkKey) ? Number(linkKey) : undefined,
    messageXml: readMessageXml(child(node, 'MessageXml')),
    index,
    node,
  };
}

/**
 * The typed error for an Error (or Warning) message; its text names the code, the server's
 * MessageText and the MessageXml details, e.g.
 * `ErrorInvalidValueForProperty: The specified value is invalid for property. (Foo: XXX)`.
 */
export function responseMessageError(message: ResponseMessage, operation?: string): EwsResponseError {
  const text = message.messageText ?? '';
  const summary = `${message.responseCode}${text === '' ? '' : `: ${text}`}${formatMessageXml(message.messageXml)}`;
  return new EwsResponseError(summary, {
    operation,
    responseCode: message.responseCode,
    responseClass: message.responseClass === 'Warning' ? 'Warning' : 'Error',
    messageText: text,
    descriptiveLinkKey: message.descriptiveLinkKey,
    messageXml: message.messageXml,
    index: message.index,
  });
}
