import { apiVersionForBuild, Build, type ExchangeVersion } from '@ews/core';

/** The server's build, and the API version to request from it when the build is one we know. */
export interface DiscoveredServerVersion {
  readonly build: Build;
  readonly apiVersion: ExchangeVersion | undefined;
}

export function discoveredVersion(build: Build): DiscoveredServerVersion {
  return { build, apiVersion: apiVersionForBuild(build) };
}

/** Parses "15.1.2507.6" (CasVersion); undefined for anything else. */
export function versionFromBuildText(text: string | undefined): DiscoveredServerVersion | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return discoveredVersion(Build.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * POX `<ServerVersion>` is 8 hex digits holding a 32-bit field: 4 bits we ignore, the major
 * version (6 bits), the minor version (6 bits), 1 bit we ignore, the major build (15 bits).
 * E.g. 738180DA is 14.1.218 (Exchange 2010 SP1).
 */
export function versionFromPoxHex(text: string | undefined): DiscoveredServerVersion | undefined {
  const hex = text?.trim() ?? '';
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) return undefined;
  const value = Number.parseInt(hex, 16);
  const major = (value >>> 22) & 0x3f;
  const minor = (value >>> 16) & 0x3f;
  const build = value & 0x7fff;
  return discoveredVersion(new Build(major, minor, build));
}
