import { fieldUriXml, textElement } from './xml.js';

export type ItemBaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What to return for each item: a base shape plus extra properties by FieldURI. */
export interface ItemShapeSpec {
  readonly baseShape: ItemBaseShape;
  readonly fieldUris?: readonly string[] | undefined;
}

/** `<m:ItemShape>` (FindItem, GetItem). */
export function itemShapeXml(shape: ItemShapeSpec): string {
  const extra = shape.fieldUris ?? [];
  const additional =
    extra.length === 0
      ? ''
      : `<t:AdditionalProperties>${extra.map(fieldUriXml).join('')}</t:AdditionalProperties>`;
  return `<m:ItemShape>${textElement('t:BaseShape', shape.baseShape)}${additional}</m:ItemShape>`;
}
