/**
 * A loopback HTTP(S) server that authenticates NTLM itself, connection-bound like IIS: the
 * handshake runs on one socket, which is then authenticated for its lifetime.
 */

import { X509Certificate } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  buildChallenge,
  type ChallengeState,
  expectedChannelBindings,
  type VerifierAccount,
  verifyAuthenticate,
} from './ntlm-verifier.js';

export interface NtlmServerOptions {
  readonly account: VerifierAccount;
  readonly tls?: { readonly key: string; readonly cert: string } | undefined;
  /** Hash RFC 5929 prescribes for the certificate; set to enforce channel binding. */
  readonly enforceChannelBinding?: 'sha256' | 'sha384' | 'sha512' | undefined;
  /** Scheme name the server uses in its challenges. */
  readonly scheme?: 'NTLM' | 'Negotiate' | undefined;
  /** Close the socket after sending the CHALLENGE (a misbehaving proxy), this many times. */
  readonly dropAfterChallenge?: number | undefined;
}

interface SocketState {
  challenge?: ChallengeState;
  user?: string;
}

export interface NtlmTestServer {
  readonly url: URL;
  readonly stats: { requests: number; connections: number; failures: string[] };
  close(): Promise<void>;
}

export async function startNtlmServer(options: NtlmServerOptions): Promise<NtlmTestServer> {
  const scheme = options.scheme ?? 'NTLM';
  const stats = { requests: 0, connections: 0, failures: [] as string[] };
  const sockets = new WeakMap<Socket, SocketState>();
  const open = new Set<Socket>();
  let drops = options.dropAfterChallenge ?? 0;
  const expectedBinding =
    options.tls && options.enforceChannelBinding
      ? expectedChannelBindings(new X509Certificate(options.tls.cert).raw, options.enforceChannelBinding)
      : undefined;

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    stats.requests += 1;
    const socket = request.socket;
    const state = sockets.get(socket) ?? {};
    sockets.set(socket, state);
    request.resume();
    request.on('end', () => {
      const deny = (token?: string, close = false): void => {
        response.writeHead(401, {
          'www-authenticate': token ? `${scheme} ${token}` : scheme,
          'content-length': '0',
          ...(close ? { connection: 'close' } : {}),
        });
        response.end();
      };
      if (state.user) {
        response.writeHead(200, { 'content-type': 'text/xml', 'x-user': state.user });
        response.end('<ok/>');
        return;
      }
      const header = request.headers.authorization ?? '';
      const [given, token] = header.split(' ');
      if (!token || given?.toLowerCase() !== scheme.toLowerCase()) return deny();
      const message = Buffer.from(token, 'base64');
      const type = message.length >= 12 ? message.readUInt32LE(8) : 0;
      if (type === 1) {
        state.challenge = buildChallenge(message);
        const close = drops > 0;
        if (close) drops -= 1;
        deny(state.challenge.challenge.toString('base64'), close);
        return;
      }
      if (type === 3 && state.challenge) {
        const result = verifyAuthenticate(message, state.challenge, options.account, {
          expectedChannelBindings: expectedBinding,
        });
        delete state.challenge;
        if (result.ok) {
          state.user = `${result.domain}\\${result.user}`;
          response.writeHead(200, { 'content-type': 'text/xml', 'x-user': state.user });
          response.end('<ok/>');
          return;
        }
        stats.failures.push(result.reason);
      }
      deny();
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 30_000;
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    stats.connections += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/EWS/Exchange.asmx`),
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
