import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What an ItemShape/FolderShape asks for. */
export interface Shape {
  readonly base: BaseShape;
  readonly additional: ReadonlySet<string>;
}

const BASE_SHAPES: readonly BaseShape[] = ['IdOnly', 'Default', 'AllProperties'];

/** Reads ItemShape/FolderShape; indexed field URIs count as their whole property (contacts:EmailAddress). */
export function parseShape(shapeEl: XmlElement | undefined): Shape {
  const baseText = childText(shapeEl, 'BaseShape') ?? 'Default';
  const base = BASE_SHAPES.find((b) => b === baseText) ?? 'Default';
  const additional = new Set<string>();
  const props = child(shapeEl, 'AdditionalProperties');
  for (const f of childrenNamed(props, 'FieldURI')) if (f.attrs.FieldURI) additional.add(f.attrs.FieldURI);
  for (const f of childrenNamed(props, 'IndexedFieldURI')) {
    if (f.attrs.FieldURI) additional.add(INDEXED_TO_WHOLE[f.attrs.FieldURI] ?? f.attrs.FieldURI);
  }
  return { base, additional };
}

const INDEXED_TO_WHOLE: Record<string, string> = {
  'contacts:EmailAddress': 'contacts:EmailAddresses',
  'contacts:PhoneNumber': 'contacts:PhoneNumbers',
};
