import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';

// keepAliveTimeoutMs: the server closes an idle connection itself, without announcing it in a
// Keep-Alive header (IIS does not either), so a client's next call must reconnect.

const ALICE = `Basic ${Buffer.from('alice@contoso.test:Alice-Demo-2016!').toString('base64')}`;
const BODY =
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Body>' +
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder></s:Body></s:Envelope>';

/** One keep-alive request on a raw socket: the response head, and when the server closed the socket. */
async function oneRequest(url: string): Promise<{ head: string; closedAfterMs: Promise<number> }> {
  const target = new URL(url);
  const socket: Socket = connect(Number(target.port), target.hostname);
  let received = '';
  let answeredAt = 0;
  const closedAfterMs = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(Date.now() - answeredAt)),
  );
  const head = await new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end !== -1 && answeredAt === 0) {
        answeredAt = Date.now();
        resolve(received.slice(0, end).toLowerCase());
      }
    });
    socket.on('error', reject);
    socket.write(
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: ${ALICE}\r\n` +
        `Content-Type: text/xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
    );
  });
  return { head, closedAfterMs };
}

describe('keepAliveTimeoutMs', () => {
  it('closes an idle connection from the server side without a Keep-Alive header', async () => {
    const server = await startTestServer({ seed: 'empty', keepAliveTimeoutMs: 100 });
    try {
      const { head, closedAfterMs } = await oneRequest(server.url);
      expect(head).toMatch(/^http\/1\.1 200/);
      expect(head).toContain('connection: keep-alive');
      expect(head).not.toContain('keep-alive: timeout');
      // Node adds a grace period to the server's keep-alive timeout; the server closes well before
      // a client's usual idle timeout (undici: 4 s).
      expect(await closedAfterMs).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  it('without it, Node announces its default timeout', async () => {
    const server = await startTestServer({ seed: 'empty' });
    try {
      const { head } = await oneRequest(server.url);
      expect(head).toContain('keep-alive: timeout=5');
    } finally {
      await server.close();
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses keepAliveTimeoutMs %s',
    async (value) => {
      await expect(startTestServer({ keepAliveTimeoutMs: value })).rejects.toMatchObject({
        code: 'TEST_SERVER_OPTIONS',
      });
    },
  );
});
