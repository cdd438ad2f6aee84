import { child, type XmlNode } from '../xml/parse.js';

/**
 * The attributes of `t:ServerVersionInfo` from a response's SOAP header, exactly as sent.
 * Validation and the build → API version rules live in versions/server-version.ts.
 */
export interface ServerVersionInfo {
  readonly MajorVersion: string | undefined;
  readonly MinorVersion: string | undefined;
  readonly MajorBuildNumber: string | undefined;
  readonly MinorBuildNumber: string | undefined;
  /** A schema name (`Exchange2016`) or a dated revision (`V2017_07_11`). */
  readonly Version: string | undefined;
}

/** Reads `ServerVersionInfo` from a `soap:Header` element; undefined when the header has none. */
export function readServerVersionInfo(header: XmlNode | undefined): ServerVersionInfo | undefined {
  const info = child(header, 'ServerVersionInfo');
  if (!info) return undefined;
  const { MajorVersion, MinorVersion, MajorBuildNumber, MinorBuildNumber, Version } = info.attributes;
  return { MajorVersion, MinorVersion, MajorBuildNumber, MinorBuildNumber, Version };
}
