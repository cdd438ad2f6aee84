import type { XmlChild as CoreXmlChild, XmlFragment, XmlNode } from '@ews/core';
import { invalidArgument, protocolError } from '../errors.js';
import { isScalarKind, TYPES_PREFIX, type WriteContext } from '../kinds/kind.js';
import { isRepeatedKind } from '../kinds/repeated-kind.js';
import { fieldElement } from '../kinds/write-xml.js';
import type { Model } from '../schema/define-model.js';
import type { FieldDef } from '../schema/field-def.js';
import { supportsVersion } from '../versions/exchange-version.js';

type Values = Readonly<Record<string, unknown>>;

/** Whether a set field goes on the wire; throws when the target server cannot take it. */
function shouldWrite(def: FieldDef, context: WriteContext, where: string): boolean {
  if (context.mode === 'create' && def.flags.readOnly) return false;
  if (def.minVersion !== undefined && !supportsVersion(context.version, def.minVersion)) {
    throw invalidArgument(
      `${where}.${def.xmlName} needs ${def.minVersion} or newer, but the target version is ${context.version}`,
    );
  }
  return true;
}

function checkValue(def: FieldDef, value: unknown, where: string): void {
  if (!def.kind.accepts(value))
    throw invalidArgument(`${where}.${def.xmlName} expects a ${def.kind.name} value`);
}

/**
 * Writes `<qname attrs>children</qname>` with the set fields in table order; `after` (e.g. the item
 * inside an ItemAttachment) follows the fields.
 */
// Element names written under the types prefix, made once per xmlName: a name built anew for every
// value is a new string each time, which core's builder must hash again for its check of names.
// Bounded by the models' own element names.
const TYPES_QNAMES = new Map<string, string>();

/** `t:` + xmlName, the same string object every time for the same xmlName. */
export function typesQname(xmlName: string): string {
  let qname = TYPES_QNAMES.get(xmlName);
  if (qname === undefined) {
    qname = TYPES_PREFIX + xmlName;
    TYPES_QNAMES.set(xmlName, qname);
  }
  return qname;
}

export function writeModelElement(
  model: Model,
  qname: string,
  value: Values,
  context: WriteContext,
  where: string,
  after?: CoreXmlChild,
): XmlFragment {
  if (typeof value !== 'object' || value === null) throw invalidArgument(`${where} expects an object`);
  for (const key of Object.keys(value)) {
    if (!model.byName.has(key) && value[key] !== undefined) {
      throw invalidArgument(`${where}: ${model.name} has no field named '${key}'`);
    }
  }
  const attributes: Record<string, string> = {};
  for (const def of model.attributes) {
    const v = value[def.name];
    if (v === undefined || !shouldWrite(def, context, where)) continue;
    checkValue(def, v, where);
    if (!isScalarKind(def.kind)) continue; // field() refuses non-scalar attributes
    attributes[def.xmlName] = def.kind.toText(v);
  }
  const children: CoreXmlChild[] = [];
  for (const def of model.fields) {
    if (def.flags.attribute) continue;
    const v = value[def.name];
    if (v === undefined || (def.flags.list && Array.isArray(v) && v.length === 0)) continue;
    if (!shouldWrite(def, context, where)) continue;
    checkValue(def, v, where);
    children.push(def.kind.writeElement(typesQname(def.xmlName), v, context, `${where}.${def.xmlName}`));
  }
  if (after !== undefined) children.push(after);
  return fieldElement(where, qname, attributes, children);
}

/** Reads the fields a model knows from an element node; unknown children are ignored. */
export function readModelElement(model: Model, node: XmlNode, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { attributes } = node;
  for (const def of model.attributes) {
    const text = attributes[def.xmlName];
    if (text !== undefined && isScalarKind(def.kind)) {
      out[def.name] = def.kind.fromText(text, `${where}@${def.xmlName}`);
    } else if (def.flags.required) {
      // use="required" in the schema (an ItemId's Id): without it the element names nothing.
      throw protocolError(`${where}: attribute ${def.xmlName} is missing`);
    }
  }
  const { children } = node;
  // The siblings of each repeated field (ExtendedProperty), read together once all are seen.
  let repeatedNodes: Map<FieldDef, XmlNode[]> | undefined;
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as XmlNode;
    // A foreign element is named `{uri}local` by core's reader, so it never matches a field.
    const def = model.byXmlName.get(child.name);
    if (def === undefined) continue; // a newer server's element, or one we do not model yet
    if (isRepeatedKind(def.kind)) {
      repeatedNodes ??= new Map();
      const nodes = repeatedNodes.get(def);
      if (nodes === undefined) {
        repeatedNodes.set(def, [child]);
        out[def.name] = undefined; // keeps the field's place among the others
      } else nodes.push(child);
      continue;
    }
    // A non-list element is never repeated by a conforming server; keep the first.
    if (Object.hasOwn(out, def.name)) continue;
    out[def.name] = def.kind.readElement(child, `${where}.${child.name}`);
  }
  if (repeatedNodes !== undefined) {
    for (const [def, nodes] of repeatedNodes) {
      if (isRepeatedKind(def.kind)) out[def.name] = def.kind.readAll(nodes, `${where}.${def.xmlName}`);
    }
  }
  return out;
}
