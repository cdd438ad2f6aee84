import type { XmlElement } from '../xml/xml-tree.js';

/** A value restrictions and sort orders compare. */
export type Scalar = string | number | bigint | boolean | Date | Uint8Array;

/** What a path reads on one item or folder: nothing, one value, or the members of a multi-valued property. */
export type PathValue = Scalar | readonly Scalar[] | undefined;

/** How a restriction or sort order reads one property path (FieldURI, IndexedFieldURI, ExtendedFieldURI). */
export interface PathReader<T> {
  readonly read: (target: T) => PathValue;
  /** A t:Constant's Value as this path's type; absent: converted like the value it is compared with. */
  readonly constant?: (text: string) => Scalar;
  /** Lists and Array types: comparisons hold when any member matches; sort orders refuse them. */
  readonly multiValued?: boolean;
  /** False for properties Contains cannot search (non-text extended properties). */
  readonly textual?: boolean;
}

/**
 * Turns a path element into its reader, or throws a ResponseError (with `error` for unsupported paths:
 * ErrorUnsupportedPathForQuery, ErrorInvalidPropertyForExists, ErrorUnsupportedPathForSortGroup).
 * Items and folders each have one; the restriction evaluator works with either.
 */
export type PathResolver<T> = (path: XmlElement, error: string) => PathReader<T>;

/** A path Exchange accepts in a restriction but that matches nothing. */
export const NEVER_MATCHES: PathReader<unknown> = { read: () => undefined };

/** The members of a value: none for an absent one. */
export function membersOf(value: PathValue): readonly Scalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value as Scalar];
}
