import type { XmlFragment, XmlNode } from '@ews/core';
import { readModelElement, writeModelElement } from '../codec/model-codec.js';
import type { InferModel, Model } from '../schema/define-model.js';
import type { Kind, WriteContext } from './kind.js';

/** A nested model as a value (Mailbox inside From, Attendee inside RequiredAttendees). */
export function modelKind<M extends Model>(model: M): Kind<InferModel<M>> {
  return Object.freeze({
    name: model.name,
    list: false,
    accepts: (value: unknown): value is InferModel<M> => typeof value === 'object' && value !== null,
    writeElement(qname: string, value: InferModel<M>, context: WriteContext, where: string): XmlFragment {
      return writeModelElement(model, qname, value, context, where);
    },
    readElement(node: XmlNode, where: string): InferModel<M> {
      return readModelElement(model, node, where) as InferModel<M>;
    },
  });
}
