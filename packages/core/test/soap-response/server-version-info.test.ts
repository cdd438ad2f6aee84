import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { readServerVersionInfo, type ServerVersionInfo } from '../../src/soap/server-version-info.js';
import type { ServerVersionInfoAttributes } from '../../src/versions/server-version.js';
import { parseXml } from '../../src/xml/parse.js';

interface HeaderVector {
  readonly id: string;
  readonly header_xml: string;
  readonly expected: { readonly build?: string; readonly message_contains?: string };
}

const vectors = (
  loadVectors('response-parsing') as { vectors: (HeaderVector | { id: string })[] }
).vectors.filter((vector): vector is HeaderVector => 'header_xml' in vector);

/** exchangelib's header fixtures use the `s:` prefix without declaring it; declare it to parse the fragment. */
function header(xml: string) {
  return parseXml(
    xml.replace('<s:Header>', '<s:Header xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'),
  );
}

describe('readServerVersionInfo', () => {
  it('reads the attributes exactly as sent, including a dated Version', () => {
    const info = readServerVersionInfo(
      parseXml(
        '<s:Header xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><h:ServerVersionInfo MajorVersion="15" MinorVersion="20" ' +
          'MajorBuildNumber="8534" MinorBuildNumber="019" Version="V2018_01_08" ' +
          'xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>',
      ),
    );
    expect(info).toEqual({
      MajorVersion: '15',
      MinorVersion: '20',
      MajorBuildNumber: '8534',
      MinorBuildNumber: '019',
      Version: 'V2018_01_08',
    });
  });

  it('is undefined without a header or without ServerVersionInfo', () => {
    expect(readServerVersionInfo(undefined)).toBeUndefined();
    expect(readServerVersionInfo(parseXml('<Header><foo/></Header>', { namespaces: 'any' }))).toBeUndefined();
  });

  it('fits what the version rules take (versions/server-version.ts)', () => {
    const info: ServerVersionInfo = {
      MajorVersion: '15',
      MinorVersion: '1',
      MajorBuildNumber: undefined,
      MinorBuildNumber: undefined,
      Version: undefined,
    };
    const attributes: ServerVersionInfoAttributes = info;
    expect(attributes.MajorVersion).toBe('15');
  });

  it.each(vectors.map((vector) => [vector.id, vector] as const))("exchangelib's %s", (_id, vector) => {
    const info = readServerVersionInfo(header(vector.header_xml));
    const { build, message_contains: problem } = vector.expected;
    if (problem?.includes('No ServerVersionInfo')) {
      expect(info).toBeUndefined();
    } else if (problem?.includes('Bad ServerVersionInfo')) {
      // Raw attributes: the version rules reject the missing parts, the reader keeps what was sent.
      expect(info?.MajorVersion).toBeDefined();
      expect([info?.MinorVersion, info?.MinorBuildNumber]).toContain(undefined);
    } else {
      expect(info?.MajorVersion).toBe('15');
      if (build !== undefined) {
        expect(
          [info?.MajorVersion, info?.MinorVersion, info?.MajorBuildNumber, info?.MinorBuildNumber].join('.'),
        ).toBe(build);
      }
    }
  });

  it('covers the six header vectors', () => {
    expect(vectors).toHaveLength(6);
  });
});
