import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EwsHttpResponse } from '../../src/pipeline/http.js';

/** What the loopback server answers: status, raw headers (repeatable), body bytes. */
export interface CannedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
}

/**
 * Serves one canned answer on 127.0.0.1 and reads it back over a real socket, so the classifiers
 * see headers exactly as Node's HTTP stack delivers them (lower-case, repeated ones as arrays).
 */
export async function exchange(answer: CannedAnswer, signal?: AbortSignal): Promise<EwsHttpResponse> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.statusCode = answer.status;
      res.end(answer.body ?? '');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await post(port, signal ?? AbortSignal.timeout(10_000));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function post(port: number, signal: AbortSignal): Promise<EwsHttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/EWS/Exchange.asmx',
        signal,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          authorization: 'Basic YWxpY2U6UzNjcmV0LVBhc3N3MHJkIQ==',
          cookie: 'X-BackEndCookie=request-cookie-secret',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string | readonly string[]> = {};
          for (const [name, values] of Object.entries(res.headersDistinct)) {
            if (!values) continue;
            headers[name] = values.length === 1 && values[0] !== undefined ? values[0] : values;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end('<s:Envelope/>');
  });
}
