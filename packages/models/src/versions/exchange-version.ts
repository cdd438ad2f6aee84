/**
 * RequestServerVersion values, oldest first, exactly as types.xsd `ExchangeVersionType` lists
 * them. A field's `minVersion` is compared by position in this list.
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

export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

const rank: ReadonlyMap<string, number> = new Map(EXCHANGE_VERSIONS.map((v, i) => [v, i]));

export function isExchangeVersion(value: unknown): value is ExchangeVersion {
  return typeof value === 'string' && rank.has(value);
}

/** True when `target` is `minimum` or newer. */
export function supportsVersion(target: ExchangeVersion, minimum: ExchangeVersion): boolean {
  return (rank.get(target) ?? -1) >= (rank.get(minimum) ?? Number.POSITIVE_INFINITY);
}
