/** What a simulated server reports and which RequestServerVersion values it accepts. */
export interface ServerVersionProfile {
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly majorBuildNumber: number;
  readonly minorBuildNumber: number;
  /** The `Version` attribute of ServerVersionInfo. */
  readonly version: string;
  /** RequestServerVersion values this server accepts, oldest first. */
  readonly acceptedRequestVersions: readonly string[];
}

const UP_TO_2013 = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
] as const;

const UP_TO_2016 = [
  ...UP_TO_2013,
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
] as const;

export const SERVER_VERSIONS = {
  // Exchange 2013 CU23: build 15.0.1497.2; 2013 reports schema versions of the V2_n form.
  Exchange2013: {
    majorVersion: 15,
    minorVersion: 0,
    majorBuildNumber: 1497,
    minorBuildNumber: 2,
    version: 'V2_23',
    acceptedRequestVersions: UP_TO_2013,
  },
  // Exchange 2016 CU23: build 15.1.2507.6, reports V2017_07_11 like on-premises 2016 CUs do.
  Exchange2016: {
    majorVersion: 15,
    minorVersion: 1,
    majorBuildNumber: 2507,
    minorBuildNumber: 6,
    version: 'V2017_07_11',
    acceptedRequestVersions: UP_TO_2016,
  },
  // Exchange 2019 CU14: build 15.2.1544.4; same schema as 2016 CU23.
  Exchange2019: {
    majorVersion: 15,
    minorVersion: 2,
    majorBuildNumber: 1544,
    minorBuildNumber: 4,
    version: 'V2017_07_11',
    acceptedRequestVersions: UP_TO_2016,
  },
} as const satisfies Record<string, ServerVersionProfile>;

export type ServerVersionName = keyof typeof SERVER_VERSIONS;
