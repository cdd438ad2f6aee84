import type { XmlFragment, XmlNode } from '@ews/core';
import { protocolError } from '../errors.js';
import type { Kind, WriteContext } from './kind.js';
import { fieldElement } from './write-xml.js';

export type BodyType = 'HTML' | 'Text';

/** An item body: the text plus its BodyType attribute. */
export interface Body {
  readonly bodyType: BodyType;
  readonly value: string;
  /** Set by the server when it cut the body short (GetItem MaximumBodySize). */
  readonly isTruncated?: boolean;
}

function isBody(value: unknown): value is Body {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    (body.bodyType === 'HTML' || body.bodyType === 'Text') &&
    typeof body.value === 'string' &&
    (body.isTruncated === undefined || typeof body.isTruncated === 'boolean')
  );
}

/** t:BodyType: `<t:Body BodyType="HTML" IsTruncated="false">…</t:Body>`. */
export const body: Kind<Body> = Object.freeze({
  name: 'body',
  list: false,
  accepts: isBody,
  writeElement(qname: string, value: Body, context: WriteContext, where: string): XmlFragment {
    // IsTruncated is server-set: only a full (response-style) write carries it.
    const isTruncated = context.mode === 'full' ? value.isTruncated : undefined;
    return fieldElement(where, qname, { BodyType: value.bodyType, IsTruncated: isTruncated }, value.value);
  },
  readElement(node: XmlNode, where: string): Body {
    const bodyType = node.attributes.BodyType;
    if (bodyType !== 'HTML' && bodyType !== 'Text')
      throw protocolError(`${where}: BodyType must be HTML or Text`);
    const truncated = node.attributes.IsTruncated;
    const value = node.text;
    return truncated === undefined
      ? { bodyType, value }
      : { bodyType, value, isTruncated: truncated === 'true' || truncated === '1' };
  },
});
