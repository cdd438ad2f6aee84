import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/**
 * Every value of `t:ExchangeVersionType` in Microsoft's types.xsd, oldest first. The schema order
 * is the release order, so the index is the comparison key. (exchangelib also knows
 * `Exchange2015_SP1`; the schema does not, so Exchange would refuse it in RequestServerVersion.)
 */
export const EXCHANGE_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  'V2017_10_09',
  'V2018_01_08',
] as const;

/** A value the server accepts in `RequestServerVersion/@Version`. */
export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

const RANK: ReadonlyMap<string, number> = new Map(EXCHANGE_VERSIONS.map((v, i) => [v, i]));

export function isExchangeVersion(value: unknown): value is ExchangeVersion {
  return typeof value === 'string' && RANK.has(value);
}

/** Throws EwsInvalidArgumentError unless `value` is an ExchangeVersion (for untyped callers). */
export function assertExchangeVersion(
  value: unknown,
  what = 'Exchange version',
): asserts value is ExchangeVersion {
  if (!isExchangeVersion(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new EwsInvalidArgumentError(
      `${what} ${shown} is not one of ${EXCHANGE_VERSIONS[0]} … ${EXCHANGE_VERSIONS.at(-1)}`,
    );
  }
}

function rank(version: ExchangeVersion): number {
  const index = RANK.get(version);
  if (index === undefined) assertExchangeVersion(version);
  return index as number;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (for Array#sort). */
export function compareExchangeVersions(a: ExchangeVersion, b: ExchangeVersion): number {
  return rank(a) - rank(b);
}

/** True when `version` is `minimum` or newer, e.g. to check an operation's first supported version. */
export function isVersionAtLeast(version: ExchangeVersion, minimum: ExchangeVersion): boolean {
  return compareExchangeVersions(version, minimum) >= 0;
}
