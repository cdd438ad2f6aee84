import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { Build } from '../../src/versions/build.js';
import { apiVersionForBuild, BUILD_TABLE, productNameForBuild } from '../../src/versions/build-table.js';
import {
  assertExchangeVersion,
  compareExchangeVersions,
  EXCHANGE_VERSIONS,
  type ExchangeVersion,
  isExchangeVersion,
  isVersionAtLeast,
} from '../../src/versions/exchange-version.js';
import { NEGOTIATION_ORDER, nextVersionToTry } from '../../src/versions/negotiation.js';
import { versionFromServerVersionInfo } from '../../src/versions/server-version.js';

interface VersionVectors {
  versions_table_newest_first: { build: string; api_version: string; name: string }[];
  build_to_api_version: { build: string; expected_api_version: string }[];
  build_compare: { rule: string; str: Record<string, string> };
  fullname_examples: Record<string, string>;
}
const vectors = loadVectors('versions') as VersionVectors;

interface ParsingVector {
  id: string;
  header_xml?: string;
  expected: Record<string, string | null>;
}
const serverVersionVectors = (loadVectors('response-parsing') as { vectors: ParsingVector[] }).vectors.filter(
  (v) => v.id.startsWith('server-version-info'),
);

describe('ExchangeVersion', () => {
  it('is exactly t:ExchangeVersionType from types.xsd, in schema order', () => {
    const xsd = readFileSync(join(schemaDir, 'types.xsd'), 'utf8');
    const type = /<xs:simpleType name="ExchangeVersionType">([\s\S]*?)<\/xs:simpleType>/.exec(xsd)?.[1] ?? '';
    const values = [...type.matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(15);
    expect([...EXCHANGE_VERSIONS]).toEqual(values);
  });

  it('orders versions by release', () => {
    const shuffled: ExchangeVersion[] = [
      'V2016_01_06',
      'Exchange2007',
      'Exchange2016',
      'Exchange2010_SP1',
      'Exchange2013',
    ];
    expect(shuffled.sort(compareExchangeVersions)).toEqual([
      'Exchange2007',
      'Exchange2010_SP1',
      'Exchange2013',
      'Exchange2016',
      'V2016_01_06',
    ]);
    expect(isVersionAtLeast('Exchange2013_SP1', 'Exchange2013')).toBe(true);
    expect(isVersionAtLeast('Exchange2013', 'Exchange2013')).toBe(true);
    expect(isVersionAtLeast('Exchange2010_SP2', 'Exchange2013')).toBe(false);
    expect(compareExchangeVersions('Exchange2016', 'Exchange2016')).toBe(0);
  });

  it('checks untyped values', () => {
    expect(isExchangeVersion('Exchange2010_SP2')).toBe(true);
    expect(isExchangeVersion('Exchange2015_SP1')).toBe(false);
    expect(isExchangeVersion('exchange2016')).toBe(false);
    expect(isExchangeVersion(2016)).toBe(false);
    expect(() => assertExchangeVersion('Exchange2019')).toThrow(
      expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
    );
    expect(() => compareExchangeVersions('Nope' as ExchangeVersion, 'Exchange2016')).toThrow(/not one of/);
  });
});

describe('Build', () => {
  it('parses, prints and compares', () => {
    expect(Build.parse('15.1.2507.6').toString()).toBe('15.1.2507.6');
    expect(Build.parse('15.1').toString()).toBe('15.1.0.0');
    expect(Build.parse(' 8.3.83 ').toString()).toBe('8.3.83.0');
    expect(JSON.stringify({ b: new Build(15, 2) })).toBe('{"b":"15.2.0.0"}');
    for (const [expr, text] of Object.entries(vectors.build_compare.str)) {
      const parts = /^Build\(([\d,]+)\)$/.exec(expr)![1]!.split(',').map(Number);
      expect(new Build(parts[0]!, parts[1]!, parts[2], parts[3]).toString()).toBe(text);
    }
  });

  it('compares lexicographically on (major, minor, majorBuild, minorBuild)', () => {
    expect(vectors.build_compare.rule).toMatch(/lexicographic/);
    const ordered = [
      '8.0',
      '8.0.0.1',
      '8.0.1.0',
      '8.1',
      '14.3.123.4',
      '15.0.847.0',
      '15.0.1497.2',
      '15.1',
      '15.20.1',
    ];
    for (const [i, a] of ordered.entries()) {
      for (const [j, b] of ordered.entries()) {
        expect(Math.sign(Build.compare(Build.parse(a), Build.parse(b)))).toBe(Math.sign(i - j));
      }
    }
    expect(Build.parse('15.1').equals(new Build(15, 1, 0, 0))).toBe(true);
    expect(Build.parse('15.0.1').isAtLeast(Build.parse('15.0.847'))).toBe(false);
  });

  it.each(['', '15', '15.', 'a.b', '15.1.2.3.4', '-1.0', '15.1x'])('refuses %j', (text) => {
    expect(() => Build.parse(text)).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
  });

  it('refuses non-integer parts', () => {
    expect(() => new Build(15.5, 0)).toThrow(/non-negative integer/);
    expect(() => new Build(15, -1)).toThrow(/non-negative integer/);
  });
});

describe('build table (exchangelib VERSIONS)', () => {
  it('matches versions_table_newest_first, minus the version the schema does not have', () => {
    const expected = vectors.versions_table_newest_first.filter((row) => isExchangeVersion(row.api_version));
    // exchangelib's one extra row is Exchange2015_SP1, which t:ExchangeVersionType lacks.
    expect(vectors.versions_table_newest_first.filter((row) => !isExchangeVersion(row.api_version))).toEqual([
      expect.objectContaining({ api_version: 'Exchange2015_SP1' }),
    ]);
    expect(
      BUILD_TABLE.map((row) => ({
        build: row.build.toString(),
        api_version: row.apiVersion,
        name: row.productName,
      })),
    ).toEqual(expected);
  });

  for (const vector of vectors.build_to_api_version) {
    it(`build ${vector.build} → ${vector.expected_api_version}`, () => {
      const apiVersion = apiVersionForBuild(Build.parse(vector.build));
      // exchangelib raises ValueError for an unknown product line; we return undefined.
      expect(apiVersion).toBe(
        vector.expected_api_version === 'ValueError' ? undefined : vector.expected_api_version,
      );
    });
  }

  it('names products (fullname_examples)', () => {
    for (const [expr, name] of Object.entries(vectors.fullname_examples)) {
      const [major, minor] = /^Build\((\d+),\s*(\d+)\)$/.exec(expr)!.slice(1).map(Number);
      expect(productNameForBuild(new Build(major!, minor!))).toBe(name);
    }
    expect(productNameForBuild(Build.parse('15.0.1497.2'))).toBe('Microsoft Exchange Server 2013 SP1');
    expect(productNameForBuild(Build.parse('15.0.620.29'))).toBe('Microsoft Exchange Server 2013');
    expect(productNameForBuild(Build.parse('16.0'))).toBeUndefined();
  });
});

describe('versionFromServerVersionInfo', () => {
  // The vectors give the header XML; the attributes are what a parser hands us.
  function attributesOf(headerXml: string): Record<string, string> {
    const element = /<h:ServerVersionInfo\b([^>]*?)\/>/.exec(headerXml)?.[1];
    if (element === undefined) return {};
    return Object.fromEntries([...element.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  }

  it('covers every ServerVersionInfo vector', () => {
    expect(serverVersionVectors.map((v) => v.id)).toEqual([
      'server-version-info-1',
      'server-version-info-2',
      'server-version-info-3',
      'server-version-info-4',
      'server-version-info-5',
      'server-version-info-missing',
    ]);
  });

  for (const vector of serverVersionVectors) {
    it(`${vector.id}: ${vector.expected.why ?? vector.expected.message_contains}`, () => {
      const info = attributesOf(vector.header_xml ?? '');
      const requested = (vector.expected.requested_api_version ?? undefined) as ExchangeVersion | undefined;
      const run = () => versionFromServerVersionInfo(info, requested);
      const { expected } = vector;
      if (expected.error_class !== undefined) {
        expect(run).toThrow(expect.objectContaining({ code: 'EWS_PROTOCOL' }));
        return;
      }
      const result = run();
      if (expected.build) expect(result.build.toString()).toBe(expected.build);
      expect(result.reportedVersion).toBe(info.Version);
      if (isExchangeVersion(expected.api_version)) {
        expect(result.apiVersion).toBe(expected.api_version);
      } else {
        // exchangelib trusts any unknown non-dated Version (here 'HELLO_FROM_EXCHANGELIB'); a typed
        // client cannot send a value outside the schema, so the build decides (15.1 → Exchange2016).
        expect(result.apiVersion).toBe('Exchange2016');
      }
    });
  }

  it('lets a known, non-dated Version win over the build', () => {
    const info = {
      MajorVersion: '14',
      MinorVersion: '2',
      MajorBuildNumber: '390',
      MinorBuildNumber: '3',
      Version: 'Exchange2010_SP2',
    };
    expect(versionFromServerVersionInfo(info)).toMatchObject({ apiVersion: 'Exchange2010_SP2' });
    expect(
      versionFromServerVersionInfo({ ...info, Version: 'Exchange2010_SP1' }, 'Exchange2016').apiVersion,
    ).toBe('Exchange2010_SP1');
    expect(
      versionFromServerVersionInfo({
        MajorVersion: 15,
        MinorVersion: 0,
        MajorBuildNumber: 1497,
        MinorBuildNumber: 2,
      }).apiVersion,
    ).toBe('Exchange2013_SP1');
  });

  it('falls back to the build when a dated Version comes without a requested version', () => {
    const result = versionFromServerVersionInfo({ MajorVersion: '15', MinorVersion: '20', Version: 'V2_23' });
    expect(result.build.toString()).toBe('15.20.0.0');
    expect(result.apiVersion).toBe('Exchange2016');
  });

  it('keeps the requested version for an unknown product line, and fails without one', () => {
    expect(
      versionFromServerVersionInfo({ MajorVersion: '16', MinorVersion: '0' }, 'Exchange2016').apiVersion,
    ).toBe('Exchange2016');
    expect(() => versionFromServerVersionInfo({ MajorVersion: '16', MinorVersion: '0' })).toThrow(
      /Cannot tell which API version server build 16\.0\.0\.0 speaks/,
    );
  });

  it('refuses non-numeric parts', () => {
    expect(() => versionFromServerVersionInfo({ MajorVersion: 'fifteen', MinorVersion: '1' })).toThrow(
      /MajorVersion is not a number/,
    );
  });
});

describe('nextVersionToTry', () => {
  it('walks the build table versions newest first, like exchangelib API_VERSIONS', () => {
    expect(NEGOTIATION_ORDER).toEqual([
      'Exchange2016',
      'Exchange2015',
      'Exchange2013_SP1',
      'Exchange2013',
      'Exchange2010_SP2',
      'Exchange2010_SP1',
      'Exchange2010',
      'Exchange2007_SP1',
      'Exchange2007',
    ]);
    const tried = new Set<ExchangeVersion>();
    const sequence: ExchangeVersion[] = [];
    let current: ExchangeVersion | undefined = 'Exchange2016';
    while (current !== undefined && sequence.length < 20) {
      sequence.push(current);
      tried.add(current);
      current = nextVersionToTry(current, tried);
    }
    expect(sequence).toEqual(NEGOTIATION_ORDER);
  });

  it('after a refused hint, tries the others newest first (exchangelib _api_versions_to_try)', () => {
    expect(nextVersionToTry('Exchange2010', new Set(['Exchange2010']))).toBe('Exchange2016');
    expect(nextVersionToTry('Exchange2016', new Set(['Exchange2010']))).toBe('Exchange2015');
    expect(nextVersionToTry('V2017_07_11', new Set())).toBe('Exchange2016');
  });

  it('honours a minimum version and ends with undefined', () => {
    const tried = new Set<ExchangeVersion>(['Exchange2016', 'Exchange2015', 'Exchange2013_SP1']);
    expect(nextVersionToTry('Exchange2013_SP1', tried, { minimum: 'Exchange2013' })).toBe('Exchange2013');
    tried.add('Exchange2013');
    expect(nextVersionToTry('Exchange2013', tried, { minimum: 'Exchange2013' })).toBeUndefined();
    expect(nextVersionToTry('Exchange2007', new Set(NEGOTIATION_ORDER))).toBeUndefined();
  });
});
