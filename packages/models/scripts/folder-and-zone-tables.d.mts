export interface DerivedFolder {
  readonly id: string;
  readonly className: string;
  readonly containerClass: string | undefined;
  readonly minBuild: string | undefined;
  readonly minVersion: string | undefined;
}
export declare function deriveFolders(catalogFolders: unknown, versions: unknown): DerivedFolder[];
export declare function deriveZones(map: unknown): {
  cldrVersion: string;
  ianaToWindows: Record<string, string>;
  windowsToIana: Record<string, string>;
};
