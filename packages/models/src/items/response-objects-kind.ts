import { el, type XmlFragment, type XmlNode } from '@ews/core';
import { elementChoice } from '../kinds/element-choice.js';
import type { Kind, WriteContext } from '../kinds/kind.js';
import type { InferModel } from '../schema/define-model.js';
import { RESPONSE_ITEM_MODELS } from './response-items.js';

type ResponseModel = (typeof RESPONSE_ITEM_MODELS)[number];
/** One entry of Item.ResponseObjects: the response's element name as `type`, then its fields. */
export type ResponseObject = {
  [M in ResponseModel as M['name']]: { readonly type: M['name'] } & InferModel<M>;
}[ResponseModel['name']];

const choice = elementChoice<ResponseObject>(
  'ResponseObject',
  RESPONSE_ITEM_MODELS.map((model) => ({ type: model.name, xmlName: model.xmlName, model })),
);

/**
 * t:NonEmptyArrayOfResponseObjectsType (Item.ResponseObjects, read-only): the responses the
 * server offers for an item, in the server's order.
 */
export const responseObjects: Kind<ResponseObject[]> = Object.freeze({
  name: 'list<ResponseObject>',
  list: true,
  accepts: (value: unknown): value is ResponseObject[] => Array.isArray(value) && value.every(choice.accepts),
  writeElement(qname: string, value: ResponseObject[], context: WriteContext, where: string): XmlFragment {
    return el(
      qname,
      {},
      value.map((entry) => choice.write(entry, context, where)),
    );
  },
  readElement(node: XmlNode, where: string): ResponseObject[] {
    return choice.readAll(node, where);
  },
});
