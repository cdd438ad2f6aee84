import type { XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

// Strict base64: groups of four, padding only at the end.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Exchange's ErrorInvalidChangeKey: a ChangeKey given with an item or folder id that cannot be parsed
 * ("for example, invalid base64 content or an empty string", the ResponseCode reference). Every
 * operation that reads an id checks it, whatever it then does with the key; an absent ChangeKey is fine,
 * and one that parses but is not the current key is the update's business (ErrorIrresolvableConflict).
 */
export function checkChangeKey(idEl: XmlElement): void {
  const key = idEl.attrs.ChangeKey;
  if (key === undefined) return;
  if (key === '' || !BASE64.test(key)) {
    throw new ResponseError('ErrorInvalidChangeKey', 'The change key is invalid.');
  }
}

/** ErrorInvalidIdMalformed, as Exchange words it, for an id this server cannot read. */
export function malformedId(): ResponseError {
  return new ResponseError('ErrorInvalidIdMalformed', 'Id is malformed.');
}
