import { ResponseError } from '../operations/operation-context.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { NS } from './namespaces.js';

/** `<m:NameResponseMessage ResponseClass="Success">` with NoError and the given content. */
export function successMessage(name: string, ...content: XmlContent[]): XmlFragment {
  return el(`m:${name}`, { ResponseClass: 'Success' }, successParts(...content));
}

export function errorMessage(name: string, error: ResponseError, ...content: XmlContent[]): XmlFragment {
  return el(`m:${name}`, { ResponseClass: 'Error' }, errorParts(error, ...content));
}

/** The children of a successful ResponseMessageType, for messages that carry ResponseClass themselves. */
export function successParts(...content: XmlContent[]): XmlContent[] {
  return [textEl('m:ResponseCode', 'NoError'), content];
}

export function errorParts(error: ResponseError, ...content: XmlContent[]): XmlContent[] {
  return [
    textEl('m:MessageText', error.message),
    textEl('m:ResponseCode', error.responseCode),
    textEl('m:DescriptiveLinkKey', 0),
    content,
  ];
}

/** Runs `produce`; a ResponseError becomes an error message with `errorContent`, anything else propagates. */
export function messageFor(
  name: string,
  produce: () => XmlContent,
  errorContent?: () => XmlContent,
): XmlFragment {
  try {
    return successMessage(name, produce());
  } catch (error) {
    if (error instanceof ResponseError) return errorMessage(name, error, errorContent?.());
    throw error;
  }
}

/** `<m:OpResponse><m:ResponseMessages>…` with the two namespaces Exchange declares there. */
export function operationResponse(operation: string, messages: readonly XmlContent[]): XmlFragment {
  return el(
    `m:${operation}Response`,
    { 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    el('m:ResponseMessages', null, messages),
  );
}
