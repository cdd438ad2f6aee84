/*
 * Namespaces as the reader sees them (Namespaces in XML 1.0). An element is read under its local
 * name only when its namespace is one the caller reads as its own (parseXml's `namespaces`);
 * any other element, and every attribute with a prefix, is read under its expanded name
 * `{uri}local`, which no lookup by local name can match.
 */

/** Bound to the `xml` prefix by definition (`xml:lang`). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
/** The namespace of `xmlns` declarations themselves; nothing may be bound to it. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/**
 * Which namespaces' elements a parse reads under their local names: a list of namespace URIs,
 * or `'any'` for documents of your own whose namespaces do not matter (every element by its
 * local name, in whatever namespace or none).
 */
export type XmlNamespaces = 'any' | readonly string[] | ReadonlySet<string>;

/**
 * `{uri}local`: how an element outside the namespaces read as one's own, or a prefixed attribute,
 * is named in an XmlNode (`{}local` for an element in no namespace).
 * `child(node, expandedName(uri, 'Subject'))` finds such an element on purpose.
 */
export function expandedName(namespace: string, local: string): string {
  return `{${namespace}}${local}`;
}

/** The reader's form of XmlNamespaces: undefined for 'any'. */
export function namespaceSet(namespaces: XmlNamespaces): ReadonlySet<string> | undefined {
  if (namespaces === 'any') return undefined;
  return namespaces instanceof Set ? namespaces : new Set(namespaces as readonly string[]);
}
