import {
  EWS_MESSAGES_NAMESPACE,
  EWS_TYPES_NAMESPACE,
  el,
  parseXml,
  readFragmentContext,
  type XmlFragmentContext,
  type XmlNode,
} from '@ews/core';
import { protocolError } from '../errors.js';
import type { InferModel, Model } from '../schema/define-model.js';
import { readModelElement } from './model-codec.js';

let textContext: XmlFragmentContext | undefined;

/**
 * Where XML text given to fromXml is read: as a fragment of an EWS document in which `t:` and
 * `m:` name EWS's types and messages namespaces (what toXml writes, without declaring them) and
 * unprefixed elements are in the types namespace. A declaration in the text itself still wins,
 * and everything else is core's reader's rules.
 */
function ewsFragment(): XmlFragmentContext {
  if (textContext === undefined) {
    // The start tag of a wrapper declaring them, written by core's builder (its content is cut off).
    const wrapper = el(
      'm:Fragment',
      { 'xmlns:m': EWS_MESSAGES_NAMESPACE, 'xmlns:t': EWS_TYPES_NAMESPACE, xmlns: EWS_TYPES_NAMESPACE },
      '.',
    ).xml;
    textContext = readFragmentContext(wrapper.slice(0, wrapper.indexOf('>') + 1));
  }
  return textContext;
}

/** XML text as toXml writes it (`t:` and `m:` undeclared), read by core's reader: its root element. */
export function parseEwsText(text: string): XmlNode {
  return parseXml(text, { context: ewsFragment() });
}

/**
 * Reads one model element. `input` is either an element already parsed by @ews/core's
 * `parseXml` (e.g. one entry of a FindItem page, so the page is parsed once), or XML text whose
 * root element is the model's (e.g. `<t:CalendarItem>…`), read by the same reader. Unknown child
 * elements, and elements of foreign namespaces, are ignored.
 */
export function fromXml<M extends Model>(model: M, input: string | XmlNode): InferModel<M> {
  let node: XmlNode;
  if (typeof input === 'string') {
    node = parseEwsText(input);
    if (node.name !== model.xmlName) throw protocolError(`expected one <${model.xmlName}> root element`);
  } else node = input;
  return readModelElement(model, node, model.xmlName) as InferModel<M>;
}
