import { EwsInvalidArgumentError, el, type XmlAttributes, type XmlChild, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';

/**
 * `el()` for a field: the same element, escaping and refusals as @ews/core's builder (the one
 * escaper), with the field's path (`CalendarItem.Subject`) in front of a refusal so the caller
 * learns which value XML cannot carry. The value itself never goes into the message.
 */
export function fieldElement(
  where: string,
  name: string,
  attributes: XmlAttributes,
  children?: XmlChild,
): XmlFragment {
  try {
    return el(name, attributes, children);
  } catch (error) {
    if (error instanceof EwsInvalidArgumentError) throw invalidArgument(`${where}: ${error.message}`, error);
    throw error;
  }
}
