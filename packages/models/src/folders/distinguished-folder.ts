import { DISTINGUISHED_FOLDER_TABLE } from '../generated/distinguished-folders.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';

/** A DistinguishedFolderId name such as `inbox` or `calendar`. */
export type DistinguishedFolderId = (typeof DISTINGUISHED_FOLDER_TABLE)[number]['id'];

export interface DistinguishedFolderInfo {
  readonly id: DistinguishedFolderId;
  /** exchangelib's class name for the folder. */
  readonly className: string;
  /** FolderClass of new folders of this kind (e.g. `IPF.Appointment`), when there is one. */
  readonly containerClass: string | undefined;
  /** Oldest server build that has the folder (`15.20.0.0` = Exchange Online only). */
  readonly minBuild: string | undefined;
  readonly minVersion: ExchangeVersion | undefined;
}

export const DISTINGUISHED_FOLDERS: readonly DistinguishedFolderInfo[] = DISTINGUISHED_FOLDER_TABLE;

const byId: ReadonlyMap<string, DistinguishedFolderInfo> = new Map(
  DISTINGUISHED_FOLDERS.map((f) => [f.id, f]),
);

export function isDistinguishedFolderId(value: unknown): value is DistinguishedFolderId {
  return typeof value === 'string' && byId.has(value);
}

export function distinguishedFolder(id: DistinguishedFolderId): DistinguishedFolderInfo {
  return byId.get(id)!;
}
