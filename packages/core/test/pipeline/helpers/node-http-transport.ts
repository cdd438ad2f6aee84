import { Agent, request as httpRequest } from 'node:http';
import { EwsAbortError, EwsTransportError } from '../../../src/errors/error-classes.js';
import { retryAfterMs } from '../../../src/errors/http-response-facts.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../../../src/pipeline/http.js';
import type { ResponseClassifier } from '../../../src/pipeline/response-signal.js';

/**
 * A small real HTTP/1.1 client for pipeline tests (the project's undici transport is
 * tested elsewhere). It reports requestFate the way a transport must: `not-sent` when
 * the connection failed before the request was written, `unknown` after.
 */
export function nodeHttpTransport(): {
  send(request: EwsHttpRequest): Promise<EwsHttpResponse>;
  close(): void;
} {
  // One agent per transport, no keep-alive: each test's sockets close with it.
  const agent = new Agent({ keepAlive: false });
  return {
    close: () => agent.destroy(),
    send: (request) =>
      new Promise<EwsHttpResponse>((resolve, reject) => {
        let written = false;
        const req = httpRequest(request.url, { method: request.method, headers: request.headers, agent });
        const onAbort = () => req.destroy(new EwsAbortError('aborted', { operation: request.operation }));
        request.signal.addEventListener('abort', onAbort, { once: true });
        const settle = () => request.signal.removeEventListener('abort', onAbort);
        req.on('finish', () => {
          written = true;
        });
        req.on('error', (error: Error & { code?: string }) => {
          settle();
          if (error instanceof EwsAbortError) return reject(error);
          reject(
            new EwsTransportError(`connection failed: ${error.code ?? error.message}`, {
              operation: request.operation,
              requestFate: written ? 'unknown' : 'not-sent',
              transportCode: error.code,
            }),
          );
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            settle();
            const headers: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined) headers[name] = value;
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        req.end(request.body);
      }),
  };
}

/**
 * A test-only classifier for the cases these tests need: an ErrorServerBusy fault and
 * its BackOffMilliseconds, 429/503 with Retry-After, and a 502 from a proxy that
 * never reached Exchange (transient, not executed) or 504 (transient, maybe executed).
 */
export function testClassifier(nowMs: () => number = Date.now): ResponseClassifier {
  return (response) => {
    if (response.body.includes('ErrorServerBusy')) {
      const backOff = /Name="BackOffMilliseconds">(\d+)</.exec(response.body)?.[1];
      return {
        kind: 'throttled',
        reason: 'ErrorServerBusy',
        retryAfterMs: backOff ? Number(backOff) : undefined,
      };
    }
    // Retry-After parsing is the project's own (errors/http-response-facts.ts).
    const waitMs = retryAfterMs(response, nowMs());
    if (response.status === 429 || (response.status === 503 && waitMs !== undefined)) {
      return { kind: 'throttled', reason: `HTTP ${response.status}`, retryAfterMs: waitMs };
    }
    if (response.status === 502) return { kind: 'transient', executed: 'no', reason: 'HTTP 502' };
    if (response.status === 504) return { kind: 'transient', executed: 'unknown', reason: 'HTTP 504' };
    return { kind: 'final' };
  };
}
