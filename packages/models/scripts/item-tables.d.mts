export interface DerivedField {
  readonly name: string;
  readonly xmlName: string;
  /** undefined for XSD-only fields addressed by ExtendedFieldURI (ExtendedProperty). */
  readonly fieldUri: string | undefined;
  readonly kind: string;
  readonly enumType?: string;
  readonly minVersion: string | undefined;
  readonly flags: {
    readonly readOnly: boolean;
    readonly readOnlyAfterSend: boolean;
    readonly searchable: boolean;
    readonly required: boolean;
    readonly complex: boolean;
  };
}
export interface DerivedModel {
  readonly cls: string;
  readonly xsdType: string;
  readonly base: string | undefined;
  readonly file: string;
  readonly fields: readonly DerivedField[];
}
export interface OmittedField {
  readonly model: string;
  readonly name: string;
  readonly fieldUri: string;
  readonly reason: string;
}
export interface Xsd {
  readonly sequences: ReadonlyMap<string, readonly { name: string; type: string }[]>;
  readonly enums: ReadonlyMap<string, readonly string[]>;
}
export declare const ITEM_CLASSES: readonly Omit<DerivedModel, 'fields'>[];
export declare function versionForBuild(
  build: string | null | undefined,
  versionsTable: unknown,
): string | undefined;
export declare function readXsd(typesXsdText: string): Xsd;
export declare function deriveItemTables(
  catalog: unknown,
  versions: unknown,
  xsd: Xsd,
): {
  models: DerivedModel[];
  omitted: OmittedField[];
  enums: [string, string[]][];
};
