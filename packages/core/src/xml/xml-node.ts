/**
 * One XML element. Element children keep document order, because EWS lists can mix element types
 * (`<m:Items>` holding messages and calendar items).
 *
 * Names are namespace-aware. An element in one of the namespaces the parse reads as its own
 * (parseXml's `namespaces`: by default SOAP 1.1 and EWS's messages, types and errors) is named by
 * its local name, whatever prefix it was written with (Exchange uses `s:`/`m:`/`t:`, but any
 * prefix, or a default namespace, is legal). Any other element is named `{uri}local` (`{}local`
 * in no namespace), so that a lookup by local name never mistakes it for one of ours.
 */
export interface XmlNode {
  /** Local name, e.g. `ResponseMessages` for `<m:ResponseMessages>`; `{uri}local` for a foreign element. */
  readonly name: string;
  /** The element's namespace URI ('' for none), e.g. to tell `soap:Body` from `t:Body`. */
  readonly namespace: string;
  /**
   * Attribute values, entities decoded: unprefixed attributes (all of EWS's) by their name,
   * prefixed ones by `{uri}local` (`xsi:type` is `{http://www.w3.org/2001/XMLSchema-instance}type`),
   * never by a bare local name. `xmlns` declarations are not attributes.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlNode[];
  /** The element's own text (and CDATA), untrimmed; empty for elements holding only elements. */
  readonly text: string;
}
