import type { ExtendedFieldPath } from './property-path.js';
import { DISTINGUISHED_PROPERTY_SET_GUIDS } from './property-sets.js';

// What makes two ExtendedFieldURIs name the same MAPI property. EWS lets a path name its property
// set by DistinguishedPropertySetId or by PropertySetId (a GUID, in any case), and its tag in hex
// or decimal; a server may answer in the other form than the one asked for. Every comparison of
// extended property identities (finding a value in an answer, deduplicating a shape, refusing
// two changes to one property) goes through extendedFieldKey, so none can tell the forms apart.

/** The property set's GUID, lower case, whichever way the path names it; undefined for a tag. */
export function propertySetGuid(path: ExtendedFieldPath): string | undefined {
  if (path.distinguishedPropertySetId !== undefined) {
    return DISTINGUISHED_PROPERTY_SET_GUIDS[path.distinguishedPropertySetId];
  }
  return path.propertySetId?.toLowerCase();
}

/** A PropertyTag (`0x1090` or `4240`) as its number. */
export function propertyTagNumber(tag: string): number {
  return /^0x/i.test(tag) ? Number.parseInt(tag.slice(2), 16) : Number(tag);
}

/**
 * One string per property: `tag:<number>`, `set:<guid>:id:<number>` or `set:<guid>:name:<name>`,
 * then the PropertyType. GUIDs compare case-insensitively, tags and ids numerically, names exactly.
 */
export function extendedFieldKey(path: ExtendedFieldPath): string {
  const type = `:type:${path.propertyType}`;
  if (path.propertyTag !== undefined) return `tag:${propertyTagNumber(path.propertyTag)}${type}`;
  const set = `set:${propertySetGuid(path)}`;
  if (path.propertyId !== undefined) return `${set}:id:${path.propertyId}${type}`;
  return `${set}:name:${JSON.stringify(path.propertyName)}${type}`;
}
