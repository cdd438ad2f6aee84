import { EwsProtocolError } from '../errors/error-classes.js';
import { type DeferredChildren, type DeferredElement, readDeferredElement } from './read-document.js';
import type { XmlNode } from './xml-node.js';

/*
 * An element read with `parseXml(text, { deferChildrenOf })`: its children were checked for
 * well-formedness but not built. `children` builds them all on first use (and keeps them), so
 * the XmlNode contract holds for every reader; `eachChild` builds one child at a time and keeps
 * none, so a big list (1,000 items of a FindItem page) is read without holding its whole tree.
 */

// Non-enumerable, so that deep equality and JSON see a plain XmlNode.
const DEFERRED = Symbol('ews.deferredChildren');

interface DeferredNode extends XmlNode {
  readonly [DEFERRED]: DeferredChildren;
}

/** The node of a deferred element (the `makeDeferred` of readDocument). */
export function makeDeferredNode(element: DeferredElement, deferred: DeferredChildren): XmlNode {
  let built: readonly XmlNode[] | undefined;
  const node = {
    name: element.name,
    namespace: element.namespace,
    attributes: element.attributes,
    get children(): readonly XmlNode[] {
      built ??= Object.freeze(Array.from(eachChild(node)));
      return built;
    },
    text: element.text,
  };
  Object.defineProperty(node, DEFERRED, { value: deferred });
  return node;
}

function deferredOf(node: XmlNode): DeferredChildren | undefined {
  return (node as Partial<DeferredNode>)[DEFERRED];
}

/** How many child elements `node` has, without building deferred ones. */
export function childCount(node: XmlNode | undefined): number {
  if (node === undefined) return 0;
  const deferred = deferredOf(node);
  return deferred === undefined ? node.children.length : deferred.ranges.length / 2;
}

/**
 * The child elements of `node` from index `from` up to (not including) `to`, in document order.
 * A deferred element's children are built one at a time as the iteration reaches them and are
 * not kept: each is garbage as soon as its reader is done with it.
 */
export function* eachChild(
  node: XmlNode | undefined,
  from = 0,
  to = Number.POSITIVE_INFINITY,
): Generator<XmlNode, void, undefined> {
  if (node === undefined) return;
  const deferred = deferredOf(node);
  if (deferred === undefined) {
    const { children } = node;
    const end = Math.min(to, children.length);
    for (let index = Math.max(0, from); index < end; index++) yield children[index] as XmlNode;
    return;
  }
  const { ranges, source, scope } = deferred;
  const end = Math.min(to, ranges.length / 2);
  for (let index = Math.max(0, from); index < end; index++) {
    yield buildChild(source, ranges[2 * index] as number, ranges[2 * index + 1] as number, scope);
  }
}

function buildChild(
  source: DeferredChildren['source'],
  start: number,
  end: number,
  scope: DeferredChildren['scope'],
): XmlNode {
  try {
    return readDeferredElement(source, start, end, scope);
  } catch (error) {
    // Unreachable for ranges this reader checked; said plainly should it ever happen.
    throw new EwsProtocolError('Malformed XML in a deferred element', { cause: error });
  }
}
