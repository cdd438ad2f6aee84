import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** How the callback answers one SendNotification. */
export type PushAnswer =
  | { readonly status: 'OK' | 'Unsubscribe'; readonly delayMs?: number }
  | { readonly httpStatus: number };

const result = (status: 'OK' | 'Unsubscribe') =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soap:Body><SendNotificationResult xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">' +
  `<SubscriptionStatus>${status}</SubscriptionStatus></SendNotificationResult></soap:Body></soap:Envelope>`;

/**
 * A push subscriber on 127.0.0.1: keeps every SendNotification body it receives (with the time it
 * arrived) and answers as `answer` says (default: OK at once).
 */
export class PushListener {
  readonly received: {
    readonly body: string;
    readonly at: number;
    readonly headers: IncomingMessage['headers'];
  }[] = [];
  answer: (n: number) => PushAnswer = () => ({ status: 'OK' });
  private waiters: (() => void)[] = [];
  private readonly closing = new AbortController();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly url: string,
  ) {}

  static async start(): Promise<PushListener> {
    let self: PushListener | undefined;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new PushListener(server, `http://127.0.0.1:${port}/push/callback`);
    return self;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.received.push({
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
      headers: req.headers,
    });
    const answer = this.answer(this.received.length);
    for (const wake of this.waiters.splice(0)) wake();
    if ('httpStatus' in answer) {
      res.writeHead(answer.httpStatus).end();
      return;
    }
    if (answer.delayMs !== undefined) {
      await sleep(answer.delayMs, undefined, { signal: this.closing.signal }).catch(() => undefined);
    }
    if (res.destroyed) return;
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(result(answer.status));
  }

  /** Waits (at most `timeoutMs`) until `count` bodies have arrived; returns the `count`-th. */
  async nth(count: number, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`waited ${timeoutMs} ms for push #${count}, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received[count - 1]?.body ?? '';
  }

  async close(): Promise<void> {
    this.closing.abort();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
