import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHmacVerifier, type HmacVerifierOptions } from './hmac-verifier.js';

export interface VerifyingGateway {
  /** `http://127.0.0.1:<port>/EWS/Exchange.asmx` */
  readonly url: string;
  /** Every verdict, in order (`forwarded` when the signature held). */
  readonly verdicts: string[];
  close(): Promise<void>;
}

/**
 * An API gateway in front of an EWS server: it checks the EWS-HMAC signature of each request and
 * forwards the good ones to `upstream` signed in as the key's mailbox (Basic), as a gateway that
 * maps app keys to service accounts would. Bad ones get a 401 with an EWS-HMAC challenge.
 */
export async function startVerifyingGateway(
  upstream: string,
  options: HmacVerifierOptions & {
    readonly mailboxes: Readonly<Record<string, { address: string; password: string }>>;
  },
): Promise<VerifyingGateway> {
  const verifier = createHmacVerifier(options);
  const verdicts: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const verdict = verifier.verify({
      method: req.method ?? '',
      target: req.url ?? '',
      authorization: req.headers.authorization,
      date: req.headers.date,
      body,
    });
    if (!verdict.ok) {
      verdicts.push(verdict.reason);
      res.writeHead(401, {
        'www-authenticate': verifier.challenge(verdict.reason),
        date: (options.now?.() ?? new Date()).toUTCString(),
        'content-type': 'text/plain',
      });
      res.end('401 Unauthorized');
      return;
    }
    verdicts.push('forwarded');
    const mailbox = options.mailboxes[verdict.keyId];
    const answer = await fetch(new URL(req.url ?? '/', upstream), {
      method: req.method ?? 'POST',
      headers: {
        'content-type': req.headers['content-type'] ?? 'text/xml; charset=utf-8',
        authorization: `Basic ${Buffer.from(`${mailbox?.address}:${mailbox?.password}`).toString('base64')}`,
      },
      body,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/xml' });
    res.end(await answer.text());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    verdicts,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
