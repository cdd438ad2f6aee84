import { createTestPki as createPki } from '@ews-tools/test-support';

/** A CA and one server certificate for many DNS names, made with the openssl CLI for this run. */
export interface TestPki {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** Each name and its subdomains (`*.name`) go into the server certificate's SAN. */
export async function createTestPki(domains: readonly string[]): Promise<TestPki> {
  const pki = createPki({
    caCommonName: 'ews autodiscover test CA',
    certificates: {
      server: {
        commonName: 'autodiscover test server',
        altNames: domains.flatMap((domain) => [domain, `*.${domain}`]),
        extendedKeyUsage: 'serverAuth',
        endEntity: true,
      },
    },
  });
  return { ca: pki.ca, ...pki.certificates.server };
}
