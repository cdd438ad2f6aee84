/**
 * One XML element, namespace prefixes removed (Exchange uses `s:`/`m:`/`t:`, but any prefix is
 * legal, so readers match local names only). Element children keep document order, because
 * EWS lists can mix element types (`<m:Items>` holding messages and calendar items).
 */
export interface XmlNode {
  /** Local name, e.g. `ResponseMessages` for `<m:ResponseMessages>`. */
  readonly name: string;
  /** Attribute values by local name (`xmlns` declarations dropped), entities decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlNode[];
  /** The element's own text (and CDATA), untrimmed; empty for elements holding only elements. */
  readonly text: string;
}
