import { indexedProperty } from '../schema/item-properties.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { extendedPathsIn } from './extended-properties.js';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What an ItemShape/FolderShape asks for. */
export interface Shape {
  readonly base: BaseShape;
  readonly additional: ReadonlySet<string>;
  /** ItemShape/AttachmentShape BodyType: the body converted to HTML or text ('Best': as stored). */
  readonly bodyType?: BodyTypeWanted;
  /** IncludeMimeContent, or item:MimeContent asked for by name: GetItem/GetAttachment write t:MimeContent. */
  readonly mimeContent?: boolean;
  /** AdditionalProperties' ExtendedFieldURI paths (parsed when rendered, so a bad one fails its message). */
  readonly extended?: readonly XmlElement[];
}

export type BodyTypeWanted = 'Best' | 'HTML' | 'Text';
const BODY_TYPES: readonly BodyTypeWanted[] = ['Best', 'HTML', 'Text'];

const BASE_SHAPES: readonly BaseShape[] = ['IdOnly', 'Default', 'AllProperties'];

/** Reads ItemShape/FolderShape; indexed field URIs count as their whole property (contacts:EmailAddress). */
export function parseShape(shapeEl: XmlElement | undefined): Shape {
  const baseText = childText(shapeEl, 'BaseShape') ?? 'Default';
  const base = BASE_SHAPES.find((b) => b === baseText) ?? 'Default';
  const additional = new Set<string>();
  const props = child(shapeEl, 'AdditionalProperties');
  for (const f of childrenNamed(props, 'FieldURI')) if (f.attrs.FieldURI) additional.add(f.attrs.FieldURI);
  for (const f of childrenNamed(props, 'IndexedFieldURI')) {
    if (f.attrs.FieldURI) additional.add(wholeOf(f.attrs.FieldURI));
  }
  const bodyType = BODY_TYPES.find((b) => b === childText(shapeEl, 'BodyType'));
  const mime = childText(shapeEl, 'IncludeMimeContent');
  const mimeContent = mime === 'true' || mime === '1' || additional.has('item:MimeContent');
  const extended = extendedPathsIn(props);
  return {
    base,
    additional,
    ...(extended.length === 0 ? {} : { extended }),
    ...(bodyType === undefined ? {} : { bodyType }),
    ...(mimeContent ? { mimeContent } : {}),
  };
}

/** An indexed path (contacts:PhysicalAddress:City) asks for its whole dictionary (contacts:PhysicalAddresses). */
function wholeOf(uri: string): string {
  const spec = indexedProperty(uri);
  return spec === undefined ? uri : `${uri.slice(0, uri.indexOf(':'))}:${spec.element}`;
}
