import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A callback answer larger than this is not a SendNotificationResult. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface CallbackAnswer {
  readonly status: number;
  readonly body: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The callback URL when it is an http(s) URL on loopback (the test server talks to nothing else). */
export function loopbackCallbackUrl(text: string | undefined): URL | undefined {
  if (text === undefined || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return LOOPBACK_HOSTS.has(url.hostname) ? url : undefined;
}

/**
 * POSTs a SOAP body on a connection of its own (no shared pool outlives the server) and reads the
 * answer; rejects on network errors, on `signal` and after `timeoutMs`.
 */
export function postCallback(
  url: URL,
  body: string,
  options: { readonly signal: AbortSignal; readonly timeoutMs: number },
): Promise<CallbackAnswer> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<CallbackAnswer>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        signal,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(body)),
          SOAPAction: '"http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification"',
          Connection: 'close',
        },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            res.destroy(new Error('callback answer too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // An answer cut off by the timeout or by close() may not surface as an error on every path.
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    req.end(body);
  });
}
