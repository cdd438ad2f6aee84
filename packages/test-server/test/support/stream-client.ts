import { request } from 'node:http';

export interface EnvelopeStream {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The next complete envelope (rejects when the stream ends first or `timeoutMs` passes). */
  next(timeoutMs?: number): Promise<string>;
  /** Every envelope received so far. */
  readonly received: readonly string[];
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * POSTs a GetStreamingEvents request and hands out the envelopes of the chunked answer one by one,
 * the way a streaming client reads them. Bounded: every wait has a timeout.
 */
export function openEnvelopeStream(
  url: string,
  body: string,
  auth: { user: string; password: string },
): Promise<EnvelopeStream> {
  return new Promise((resolve, reject) => {
    const headers = {
      'Content-Type': 'text/xml; charset=utf-8',
      Authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`,
    };
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const received: string[] = [];
      const waiting: ((value: string | Error) => void)[] = [];
      let buffer = '';
      let done = false;
      let deliveredCount = 0;
      const deliver = () => {
        while (waiting.length > 0 && deliveredCount < received.length) {
          waiting.shift()?.(received[deliveredCount++] ?? '');
        }
        if (done) for (const w of waiting.splice(0)) w(new Error('stream ended'));
      };
      const ended = new Promise<void>((resolveEnd) => {
        res.on('end', () => {
          done = true;
          deliver();
          resolveEnd();
        });
        res.on('close', () => {
          done = true;
          deliver();
          resolveEnd();
        });
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (;;) {
          const end = buffer.indexOf('</s:Envelope>');
          if (end < 0) break;
          received.push(buffer.slice(0, end + '</s:Envelope>'.length));
          buffer = buffer.slice(end + '</s:Envelope>'.length);
        }
        deliver();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        received,
        ended,
        next(timeoutMs = 5000) {
          return new Promise<string>((resolveNext, rejectNext) => {
            const waiter = (value: string | Error) => {
              clearTimeout(timer);
              if (value instanceof Error) rejectNext(value);
              else resolveNext(value);
            };
            // A waiter that timed out leaves the queue, so the next envelope goes to a live one.
            const timer = setTimeout(() => {
              waiting.splice(waiting.indexOf(waiter), 1);
              rejectNext(new Error('no envelope in time'));
            }, timeoutMs);
            waiting.push(waiter);
            deliver();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.setTimeout(20_000, () => req.destroy(new Error('stream timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
