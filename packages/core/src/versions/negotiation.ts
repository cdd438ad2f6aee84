import { BUILD_TABLE } from './build-table.js';
import { type ExchangeVersion, isVersionAtLeast } from './exchange-version.js';

/**
 * The versions tried when the server refuses the requested one (ErrorInvalidServerVersion,
 * ErrorInvalidSchemaVersionForMailboxVersion), newest first: the distinct API versions of the
 * build table, like exchangelib's API_VERSIONS. Dated versions and Exchange2009/2012 are never
 * guessed; they are only used when a caller asks for them.
 */
export const NEGOTIATION_ORDER: readonly ExchangeVersion[] = [
  ...new Set(BUILD_TABLE.map((row) => row.apiVersion)),
];

export interface NextVersionOptions {
  /** Skip versions older than this, e.g. the first version that has the operation. */
  readonly minimum?: ExchangeVersion | undefined;
}

/**
 * The next version to try after the server refused `rejected`, given the versions already
 * tried, or undefined when none is left. Like exchangelib it walks the whole list newest first
 * (not only versions older than the refused one): a mailbox may need a newer version than a
 * guessed hint.
 */
export function nextVersionToTry(
  rejected: ExchangeVersion,
  tried: ReadonlySet<ExchangeVersion>,
  options: NextVersionOptions = {},
): ExchangeVersion | undefined {
  const { minimum } = options;
  return NEGOTIATION_ORDER.find(
    (version) =>
      version !== rejected &&
      !tried.has(version) &&
      (minimum === undefined || isVersionAtLeast(version, minimum)),
  );
}
