/** One typed dictionary object as sent (t:UserConfigurationDictionaryObjectType). */
export interface StoredDictionaryObject {
  readonly type: string;
  readonly values: readonly string[];
}

export interface StoredDictionaryEntry {
  readonly key: StoredDictionaryObject;
  /** null: the nil DictionaryValue. */
  readonly value: StoredDictionaryObject | null;
}

/**
 * A user configuration object (CreateUserConfiguration): a FAI message named by its folder and
 * name, with an item id of its own; each part absent until written.
 */
export interface StoredUserConfiguration {
  readonly name: string;
  readonly folderId: string;
  readonly itemId: string;
  changeKey: string;
  dictionary: readonly StoredDictionaryEntry[] | undefined;
  /** base64 text, as sent. */
  xmlData: string | undefined;
  binaryData: string | undefined;
}

/** Names are compared without case, as Exchange compares them. */
export function userConfigurationKey(folderId: string, name: string): string {
  return `${folderId}\u0000${name.toLowerCase()}`;
}
