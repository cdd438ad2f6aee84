import { EwsProtocolError } from '../errors/error-classes.js';
import { Build } from './build.js';
import { apiVersionForBuild } from './build-table.js';
import { type ExchangeVersion, isExchangeVersion } from './exchange-version.js';

/** The attributes of `t:ServerVersionInfo` from a response's SOAP header (strings as parsed, or numbers). */
export interface ServerVersionInfoAttributes {
  readonly MajorVersion?: string | number | undefined;
  readonly MinorVersion?: string | number | undefined;
  readonly MajorBuildNumber?: string | number | undefined;
  readonly MinorBuildNumber?: string | number | undefined;
  readonly Version?: string | undefined;
}

export interface ServerVersion {
  readonly build: Build;
  /** The version to put in RequestServerVersion for this server from now on. */
  readonly apiVersion: ExchangeVersion;
  /** The raw `Version` attribute, if any (may be a value we do not send, e.g. `V2_23`). */
  readonly reportedVersion: string | undefined;
}

// Exchange Online reports dated schema revisions (V2016_10_10, V2_23, …). Like exchangelib we do
// not echo them back: they describe the server's internal revision, not a version to request.
const DATED_VERSION = /^V[0-9]{1,4}_/;

function part(value: string | number | undefined, name: string, required: boolean): number {
  if (value === undefined || value === '') {
    if (required) throw new EwsProtocolError(`Bad ServerVersionInfo in response: ${name} is missing`);
    // Exchange Online sometimes sends only MajorVersion/MinorVersion.
    return 0;
  }
  const text = String(value).trim();
  if (!/^\d{1,9}$/.test(text)) {
    throw new EwsProtocolError(`Bad ServerVersionInfo in response: ${name} is not a number`);
  }
  return Number(text);
}

/**
 * Works out the server's build and the API version to use from a ServerVersionInfo header.
 * Rules (exchangelib's, adapted to a typed version): a non-dated `Version` the schema knows wins;
 * otherwise the build's product line decides; otherwise the version that was requested is kept.
 * A dated `Version` keeps the requested version when there is one (exchangelib does the same).
 */
export function versionFromServerVersionInfo(
  info: ServerVersionInfoAttributes,
  requestedVersion?: ExchangeVersion,
): ServerVersion {
  const build = new Build(
    part(info.MajorVersion, 'MajorVersion', true),
    part(info.MinorVersion, 'MinorVersion', true),
    part(info.MajorBuildNumber, 'MajorBuildNumber', false),
    part(info.MinorBuildNumber, 'MinorBuildNumber', false),
  );
  const reported = info.Version?.trim() || undefined;
  const dated = reported !== undefined && DATED_VERSION.test(reported);
  let apiVersion: ExchangeVersion | undefined;
  if (reported !== undefined && !dated && isExchangeVersion(reported)) {
    apiVersion = reported;
  } else if (dated && requestedVersion !== undefined) {
    apiVersion = requestedVersion;
  } else {
    apiVersion = apiVersionForBuild(build) ?? requestedVersion;
  }
  if (apiVersion === undefined) {
    throw new EwsProtocolError(
      `Cannot tell which API version server build ${build} speaks (ServerVersionInfo Version=${reported ?? 'absent'})`,
    );
  }
  return { build, apiVersion, reportedVersion: reported };
}
