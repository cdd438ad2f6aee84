import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';
import { generateSelfSignedCert } from '../src/server/tls-material.js';
import { envelope } from './support/soap-client.js';

const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

function postHttps(url: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: 10_000,
        ...(ca === undefined ? {} : { ca }),
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          Authorization: `Basic ${Buffer.from('alice@contoso.test:Alice-Demo-2016!').toString('base64')}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(envelope(GET_INBOX));
  });
}

describe('HTTPS', () => {
  it('tls: true serves EWS over HTTPS with a generated certificate clients can trust', async () => {
    const server = await startTestServer({ tls: true, seed: 'empty' });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
      expect(server.autodiscoverUrl.startsWith('https://')).toBe(true);
      expect(server.tls?.ca).toContain('-----BEGIN CERTIFICATE-----');
      const trusted = await postHttps(server.url, server.tls?.ca);
      expect(trusted.status).toBe(200);
      expect(trusted.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
      await expect(postHttps(server.url, undefined)).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await server.close();
    }
  });

  it('tls: { cert, key } serves the given certificate; plain HTTP servers report no tls', async () => {
    const material = await generateSelfSignedCert();
    const server = await startTestServer({ tls: material, seed: 'empty' });
    try {
      expect(server.tls).toEqual({ cert: material.cert, ca: material.cert });
      expect((await postHttps(server.url, material.cert)).status).toBe(200);
    } finally {
      await server.close();
    }
    const plain = await startTestServer({ seed: 'empty' });
    expect(plain.tls).toBeUndefined();
    await plain.close();
  });

  it('refuses an unusable certificate', async () => {
    await expect(startTestServer({ tls: { cert: 'nope', key: 'nope' } })).rejects.toMatchObject({
      code: 'TEST_SERVER_TLS',
    });
  });
});
