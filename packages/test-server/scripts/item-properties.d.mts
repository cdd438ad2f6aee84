import type {
  SchemaIndexedProperty,
  SchemaItemKind,
  SchemaItemProperty,
  SchemaUriWithoutElement,
} from '../src/schema/item-property-types.js';

export interface DerivedItemProperties {
  readonly sequences: Record<SchemaItemKind, string[]>;
  readonly properties: SchemaItemProperty[];
  readonly indexed: SchemaIndexedProperty[];
  readonly withoutElement: SchemaUriWithoutElement[];
}
export declare function deriveItemProperties(xsdText: string): DerivedItemProperties;
export declare function renderItemProperties(table: DerivedItemProperties): string;
export declare const READ_ONLY: Readonly<Record<string, string>>;
