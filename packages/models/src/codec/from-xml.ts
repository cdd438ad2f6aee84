import { protocolError } from '../errors.js';
import type { XmlNode } from '../kinds/xml-node.js';
import type { InferModel, Model } from '../schema/define-model.js';
import { readModelElement } from './model-codec.js';
import { parseXml } from './xml-parser.js';

/**
 * Reads one model element. `input` is either XML text whose root element is the model's
 * (e.g. `<t:CalendarItem>…`), or an element node already parsed by the caller (e.g. one entry
 * of a FindItem page, so the page is parsed once). Unknown child elements are ignored.
 */
export function fromXml<M extends Model>(model: M, input: string | XmlNode): InferModel<M> {
  let node: XmlNode = input;
  if (typeof input === 'string' && input.trimStart().startsWith('<')) {
    const document = parseXml(input);
    const root = document[model.xmlName];
    if (root === undefined || Array.isArray(root)) {
      throw protocolError(`expected one <${model.xmlName}> root element`);
    }
    node = root as XmlNode;
  }
  return readModelElement(model, node, model.xmlName) as InferModel<M>;
}
