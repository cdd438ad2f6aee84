import { Build } from './build.js';
import type { ExchangeVersion } from './exchange-version.js';

export interface BuildTableRow {
  /** The first build of this product line that speaks `apiVersion`. */
  readonly build: Build;
  readonly apiVersion: ExchangeVersion;
  readonly productName: string;
}

/**
 * Exchange products, newest first, with the API version to request from them (the same table
 * exchangelib uses). A build maps to the first row with the same major.minor that it reaches.
 * exchangelib's "Exchange Server 2015 SP1" row is left out: `Exchange2015_SP1` is not in the
 * schema's ExchangeVersionType, and the row can never be chosen (15.20 maps to Exchange2016).
 */
const ROWS: readonly (readonly [build: string, apiVersion: ExchangeVersion, productName: string])[] = [
  ['15.20.0.0', 'Exchange2016', 'Microsoft Exchange Server Office365'],
  ['15.2.0.0', 'Exchange2016', 'Microsoft Exchange Server 2019'],
  ['15.1.0.0', 'Exchange2016', 'Microsoft Exchange Server 2016'],
  ['15.20.0.0', 'Exchange2015', 'Microsoft Exchange Server 2015'],
  ['15.0.847.0', 'Exchange2013_SP1', 'Microsoft Exchange Server 2013 SP1'],
  ['15.0.0.0', 'Exchange2013', 'Microsoft Exchange Server 2013'],
  ['14.3.0.0', 'Exchange2010_SP2', 'Microsoft Exchange Server 2010 SP3'],
  ['14.2.0.0', 'Exchange2010_SP2', 'Microsoft Exchange Server 2010 SP2'],
  ['14.1.0.0', 'Exchange2010_SP1', 'Microsoft Exchange Server 2010 SP1'],
  ['14.0.0.0', 'Exchange2010', 'Microsoft Exchange Server 2010'],
  ['8.3.0.0', 'Exchange2007_SP1', 'Microsoft Exchange Server 2007 SP3'],
  ['8.2.0.0', 'Exchange2007_SP1', 'Microsoft Exchange Server 2007 SP2'],
  ['8.1.0.0', 'Exchange2007_SP1', 'Microsoft Exchange Server 2007 SP1'],
  ['8.0.0.0', 'Exchange2007', 'Microsoft Exchange Server 2007'],
];

export const BUILD_TABLE: readonly BuildTableRow[] = ROWS.map(([build, apiVersion, productName]) => ({
  build: Build.parse(build),
  apiVersion,
  productName,
}));

function rowFor(build: Build): BuildTableRow | undefined {
  return BUILD_TABLE.find(
    (row) =>
      row.build.majorVersion === build.majorVersion &&
      row.build.minorVersion === build.minorVersion &&
      build.isAtLeast(row.build),
  );
}

/** The API version to request from a server of this build, or undefined for an unknown product line (e.g. 15.4, 16.0). */
export function apiVersionForBuild(build: Build): ExchangeVersion | undefined {
  return rowFor(build)?.apiVersion;
}

/** E.g. "Microsoft Exchange Server 2016" for 15.1.x, or undefined for an unknown product line. */
export function productNameForBuild(build: Build): string | undefined {
  return rowFor(build)?.productName;
}
