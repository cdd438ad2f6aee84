// What messages.xsd and types.xsd say about the shape of EWS answers, for
// generate-operation-responses.mjs: where each answer's ResponseMessages are and what they are
// called, and in which namespace each element of an answer may have its children.
//
// messages.xsd (elementFormDefault="qualified", target namespace messages) declares its local
// elements in the messages namespace and refers to types.xsd's with ref="t:…"; types.xsd never
// refers to the messages namespace, so below an element of the types namespace every element is
// of the types namespace, except inside xs:any content.

import { readSchemaTree, splitQName } from './schema-tree.mjs';

const RESPONSE_MESSAGE_TYPE = 'ResponseMessageType';
const ARRAY_OF_RESPONSE_MESSAGES = 'ArrayOfResponseMessagesType';

/** The parts of one schema file: named complex and simple types, top-level elements. */
function schemaParts(text) {
  const schema = readSchemaTree(text);
  const complexTypes = new Map();
  const simpleTypes = new Set();
  const elements = new Map();
  const groups = new Map();
  for (const node of schema.children) {
    if (node.name === 'xs:group') groups.set(node.attributes.name, node);
    if (node.name === 'xs:complexType') complexTypes.set(node.attributes.name, node);
    else if (node.name === 'xs:simpleType') simpleTypes.add(node.attributes.name);
    else if (node.name === 'xs:element') elements.set(node.attributes.name, node);
  }
  return { schema, complexTypes, simpleTypes, elements, groups };
}

/** Every xs:element declaration below `node`, at any depth. */
function* allElementDeclarations(node) {
  for (const child of node.children) {
    if (child.name === 'xs:element') yield child;
    yield* allElementDeclarations(child);
  }
}

export function readAnswerSchema(messagesXsd, typesXsd) {
  const m = schemaParts(messagesXsd);
  const t = schemaParts(typesXsd);

  /** A complex type's own particles and its base (extension), or none for simple content. */
  function contentOf(typeNode, parts) {
    const elements = [];
    let any = false;
    let base;
    const walk = (node) => {
      for (const child of node.children) {
        switch (child.name) {
          case 'xs:sequence':
          case 'xs:choice':
          case 'xs:all':
            walk(child);
            break;
          case 'xs:any':
            any = true;
            break;
          case 'xs:element':
            elements.push(child);
            break;
          case 'xs:complexContent':
            for (const derivation of child.children) {
              if (derivation.name === 'xs:extension') base = derivation.attributes.base;
              if (derivation.name === 'xs:extension' || derivation.name === 'xs:restriction')
                walk(derivation);
            }
            break;
          case 'xs:group': {
            const [, local] = splitQName(child.attributes.ref ?? '');
            const group = parts.groups.get(local);
            if (group === undefined)
              throw new Error(`xs:group ref="${child.attributes.ref}" is not declared`);
            walk(group);
            break;
          }
          default:
            break;
        }
      }
    };
    walk(typeNode);
    if (base !== undefined) {
      const [prefix, local] = splitQName(base);
      const baseParts = prefix === 'm' ? m : prefix === 't' ? t : undefined;
      const baseNode = baseParts?.complexTypes.get(local);
      if (baseNode !== undefined) {
        const inherited = contentOf(baseNode, baseParts);
        elements.unshift(...inherited.elements);
        any ||= inherited.any;
      }
    }
    return { elements, any, parts };
  }

  /** Whether the named complex type of messages.xsd is or extends ResponseMessageType. */
  function isResponseMessageType(local) {
    for (let name = local; name !== undefined; ) {
      if (name === RESPONSE_MESSAGE_TYPE) return true;
      const node = m.complexTypes.get(name);
      const extension = node?.children
        .find((child) => child.name === 'xs:complexContent')
        ?.children.find((child) => child.name === 'xs:extension');
      const base = extension?.attributes.base;
      if (base === undefined) return false;
      const [prefix, baseLocal] = splitQName(base);
      name = prefix === 'm' ? baseLocal : undefined;
    }
    return false;
  }

  /**
   * A particle of messages.xsd as `{ name, namespace: 'm' | 't', type, anonymous, min }`: a local
   * element is of the messages namespace; `ref` names a top-level one of either.
   */
  function particle(declaration) {
    const { ref, name, type, minOccurs } = declaration.attributes;
    const min = minOccurs === undefined ? 1 : Number(minOccurs);
    if (ref !== undefined) {
      const [prefix, local] = splitQName(ref);
      if (prefix === 't') return { name: local, namespace: 't', type: undefined, anonymous: undefined, min };
      const target = m.elements.get(local);
      if (target === undefined) throw new Error(`ref="${ref}" names no element of messages.xsd`);
      return { ...particle(target), min };
    }
    const anonymous = declaration.children.find((child) => child.name === 'xs:complexType');
    return { name, namespace: 'm', type, anonymous, min };
  }

  /** The content of a particle of the messages namespace: 'types', 'simple', or its particles. */
  function particleContent(p) {
    if (p.anonymous !== undefined) return contentOf(p.anonymous, m);
    if (p.type === undefined) return 'simple';
    const [prefix, local] = splitQName(p.type);
    if (prefix === 't') return t.complexTypes.has(local) ? { types: local } : 'simple';
    if (prefix === 'm' && m.complexTypes.has(local)) return contentOf(m.complexTypes.get(local), m);
    return 'simple';
  }

  /** Complex types of types.xsd whose content is xs:any (directly or by extension). */
  const openTypes = new Set(
    [...t.complexTypes].filter(([, node]) => contentOf(node, t).any).map(([name]) => name),
  );

  return { m, t, contentOf, isResponseMessageType, particle, particleContent, openTypes };
}

/**
 * Where the ResponseMessages of each answer element are, and their names:
 * `{ self, list: { names, required } | undefined, single: { required } | undefined }`.
 * - `self`: the answer element is a ResponseMessage itself (GetPersona, GetMailTips…);
 * - `list`: its `ResponseMessages` holds only elements named `names` (ArrayOfResponseMessagesType
 *   allows every operation's message, so there the operation's own, `{Operation}ResponseMessage`);
 * - `single`: its `ResponseMessage` child is one (GetUserOofSettings).
 * An answer with none of these (GetUserAvailability) is left to its reader. `unnamed`: messages.xsd
 * names no message of the operation's own in ArrayOfResponseMessagesType (any is then allowed).
 */
export function answerMessages(schema, operation, answerElement, unnamed = false) {
  const declaration = schema.m.elements.get(answerElement);
  if (declaration === undefined) throw new Error(`${answerElement} is not declared in messages.xsd`);
  const answer = schema.particle(declaration);
  const [, typeLocal] = splitQName(answer.type ?? '');
  const self = schema.isResponseMessageType(typeLocal);
  const content = schema.particleContent(answer);
  let list;
  let single;
  if (typeof content === 'object' && 'elements' in content) {
    for (const element of content.elements.map((d) => schema.particle(d))) {
      if (element.namespace !== 'm') continue;
      const [, local] = splitQName(element.type ?? '');
      if (element.name === 'ResponseMessages') {
        if (local === ARRAY_OF_RESPONSE_MESSAGES) {
          if (unnamed) {
            list = { names: 'any', required: element.min > 0 };
            continue;
          }
          const own = `${operation}ResponseMessage`;
          const choices = schema.contentOf(schema.m.complexTypes.get(local), schema.m).elements;
          const found = choices.map((d) => schema.particle(d)).find((p) => p.name === own);
          if (found === undefined) throw new Error(`${ARRAY_OF_RESPONSE_MESSAGES} has no ${own}`);
          list = { names: [own], required: element.min > 0 };
        } else {
          const items = schema.contentOf(schema.m.complexTypes.get(local), schema.m).elements;
          const names = items
            .map((d) => schema.particle(d))
            .map((p) => {
              const [, itemType] = splitQName(p.type ?? '');
              if (!schema.isResponseMessageType(itemType))
                throw new Error(`${answerElement}/ResponseMessages/${p.name} is not a ResponseMessage`);
              return p.name;
            });
          list = { names, required: element.min > 0 };
        }
      } else if (element.name === 'ResponseMessage' && schema.isResponseMessageType(local)) {
        single = { required: element.min > 0 };
      }
    }
  }
  return { self, list, single };
}

/** Every element name messages.xsd declares with a ResponseMessage type (at any depth). */
export function responseMessageElements(schema) {
  const names = new Set();
  for (const declaration of allElementDeclarations(schema.m.schema)) {
    const { name, type } = declaration.attributes;
    if (name === undefined || type === undefined) continue;
    const [prefix, local] = splitQName(type);
    if (prefix === 'm' && schema.isResponseMessageType(local)) names.add(name);
  }
  return [...names].sort();
}

/**
 * The namespaces of the children of the messages-namespace elements an answer can hold (walked
 * from `roots`, the answer elements): for each such element (by local name, all its declarations
 * together) the names of its children in the messages namespace and in the types namespace;
 * whether its type is one of types.xsd (then every child is of the types namespace); whether its
 * content is xs:any. Plus the types-namespace elements whose content is xs:any.
 */
export function answerContent(schema, roots) {
  const children = new Map(); // parent → Map(child → Set('m' | 't'))
  const typesContent = new Set();
  const openMessages = new Set();
  const seen = new Set();
  const anonymousIds = new Map();
  const idOf = (node) => {
    if (!anonymousIds.has(node)) anonymousIds.set(node, anonymousIds.size);
    return anonymousIds.get(node);
  };
  const queue = roots.map((root) => {
    const declaration = schema.m.elements.get(root);
    if (declaration === undefined) throw new Error(`${root} is not declared in messages.xsd`);
    return schema.particle(declaration);
  });
  while (queue.length > 0) {
    const element = queue.shift();
    const key = `${element.name} ${element.type ?? ''} ${element.anonymous === undefined ? '' : idOf(element.anonymous)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const content = schema.particleContent(element);
    if (content === 'simple') continue;
    if ('types' in content) {
      if (schema.openTypes.has(content.types)) openMessages.add(element.name);
      else typesContent.add(element.name);
      continue;
    }
    if (content.any) {
      // Open content (MessageXml): anything goes below it, declared children or not.
      openMessages.add(element.name);
      continue;
    }
    let named = children.get(element.name);
    if (named === undefined) {
      named = new Map();
      children.set(element.name, named);
    }
    for (const declaration of content.elements) {
      const child = schema.particle(declaration);
      const namespaces = named.get(child.name) ?? new Set();
      namespaces.add(child.namespace);
      named.set(child.name, namespaces);
      if (child.namespace === 'm') queue.push(child);
    }
  }
  for (const name of [...typesContent, ...openMessages]) {
    const kinds = [children.has(name), typesContent.has(name), openMessages.has(name)].filter(Boolean);
    // One rule per local name: the reader looks rules up by name, not by declaration.
    if (kinds.length > 1) throw new Error(`${name} is declared with contents of different kinds`);
  }
  const openTypes = new Set();
  for (const declaration of allElementDeclarations(schema.t.schema)) {
    const { name, type } = declaration.attributes;
    if (name === undefined || type === undefined) continue;
    const [prefix, local] = splitQName(type);
    if (prefix === 't' && schema.openTypes.has(local)) openTypes.add(name);
  }
  return { children, typesContent, openMessages, openTypes };
}
