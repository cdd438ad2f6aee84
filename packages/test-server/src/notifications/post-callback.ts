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
 * answer; rejects on network errors, on `signal` and after `timeoutMs`. Its timer and its listener on
 * `signal` are gone once the answer is settled, so a long-lived `signal` gains nothing per POST.
 */
export function postCallback(
  url: URL,
  body: string,
  options: { readonly signal: AbortSignal; readonly timeoutMs: number },
): Promise<CallbackAnswer> {
  const { signal, timeoutMs } = options;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<CallbackAnswer>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      settle();
      req.destroy();
      reject(error);
    };
    // An answer cut off by the timeout or by the signal may not surface as an error on every path.
    const onAbort = () => fail(signal.reason);
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
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
        res.on('end', () => {
          settle();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    // Armed once the request exists (a request that throws at once leaves no timer behind).
    const timer = setTimeout(() => fail(new Error(`no callback answer within ${timeoutMs} ms`)), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}
