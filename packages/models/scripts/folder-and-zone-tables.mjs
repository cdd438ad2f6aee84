// Derives the distinguished-folder table and the Windows/IANA zone maps. Pure: no file writes.
import { versionForBuild } from './item-tables.mjs';

export function deriveFolders(catalogFolders, versions) {
  return catalogFolders.folders
    .filter((f) => f.distinguished)
    .map((f) => ({
      id: f.distinguished,
      className: f.cls,
      containerClass: f.container ?? undefined,
      minBuild: f.supported_from ?? undefined,
      minVersion: versionForBuild(f.supported_from, versions.versions_table_newest_first),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function deriveZones(map) {
  return {
    cldrVersion: map.cldr_typeVersion,
    ianaToWindows: Object.fromEntries(Object.entries(map.iana_to_ms).map(([iana, v]) => [iana, v.ms_id])),
    windowsToIana: { ...map.ms_to_iana },
  };
}
