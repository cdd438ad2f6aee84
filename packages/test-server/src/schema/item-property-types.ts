/** The shapes of the generated property table (src/schema/item-properties.generated.ts). */

/** The concrete item types of types.xsd the server stores. */
export type SchemaItemKind =
  | 'Item'
  | 'Message'
  | 'MeetingRequest'
  | 'MeetingResponse'
  | 'MeetingCancellation'
  | 'CalendarItem'
  | 'Contact'
  | 'DistributionList'
  | 'Task'
  | 'PostItem';

/** An element's XSD value type: a built-in simple type, an enumeration, or complex (kept as sent). */
export type SchemaValueType =
  | {
      readonly xsd:
        | 'string'
        | 'boolean'
        | 'int'
        | 'long'
        | 'double'
        | 'dateTime'
        | 'base64Binary'
        | 'anyURI'
        | 'language';
      /** The t: simple type the element is declared with, when it restricts a built-in one. */
      readonly type?: string;
    }
  | { readonly xsd: 'enum'; readonly type: string; readonly values: readonly string[] }
  | { readonly xsd: 'complex'; readonly type: string };

export interface SchemaItemProperty {
  readonly uri: string;
  /** The element's local name (in the types namespace). */
  readonly element: string;
  /** The XSD types whose own sequence declares the element. */
  readonly declaredBy: readonly string[];
  /** Index of the element in each kind's full sequence (wire order); absent: the kind has none. */
  readonly positions: Readonly<Partial<Record<SchemaItemKind, number>>>;
  readonly value: SchemaValueType;
  /** Set by the server (Microsoft's reference page says why): never taken from a request. */
  readonly readOnly?: string;
}

export interface SchemaIndexedProperty {
  readonly uri: string;
  /** The dictionary element (EmailAddresses) and its entry element (Entry). */
  readonly element: string;
  readonly entry: string;
  /** The entry attribute that FieldIndex selects. */
  readonly key: string;
  /** Physical addresses: the entry's child this path names. */
  readonly field?: string;
  readonly kinds: readonly SchemaItemKind[];
}

export interface SchemaUriWithoutElement {
  readonly uri: string;
  readonly why: string;
  /** Another FieldURI that names the same element. */
  readonly sameAs?: string;
}
