import { isIP, type Socket } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { buildConnector as BuildConnector } from 'undici';
import { EwsTimeoutError } from '../errors/error-classes.js';
import { buildConnector } from './undici-parts.js';

/** Sessions remembered per transport (one per server), as many as undici keeps by default. */
const MAX_REMEMBERED_SESSIONS = 100;

/** A TLS session a later socket may resume, and the certificate it was established with. */
interface RememberedSession {
  /** What `tls.connect({ session })` resumes. */
  readonly session: Buffer;
  /** DER of the certificate the server presented in the full handshake that began the session. */
  readonly certificate: Uint8Array;
}

export interface TlsConnectorOptions {
  /** `tls.connect` options (CA, client certificate, servername, verification). */
  readonly tls: ConnectionOptions;
  /** Deadline for TCP connect plus TLS handshake. */
  readonly timeoutMs: number;
  /** False: every socket makes a full handshake. */
  readonly resumeSessions: boolean;
}

/** undici's connector, plus the server certificate of each TLS socket it opened. */
export interface TlsConnector {
  readonly connect: BuildConnector.connector;
  /**
   * DER bytes of the certificate of the TLS session `socket` uses: read from the handshake, or,
   * when the session was resumed (Node then reports no peer certificate), the one remembered
   * with that session. Undefined for plain TCP sockets.
   */
  certificateOf(socket: Socket): Uint8Array | undefined;
}

/**
 * Opens sockets for the transport's undici clients. TLS sessions are resumed, as undici does,
 * but from a cache that keeps each session's certificate next to it: on a resumed session
 * `getPeerCertificate()` is empty, and connection-bound auth (NTLM and Negotiate channel
 * binding, RFC 5929 `tls-server-end-point`) must still bind to the certificate of the session
 * actually in use. A session is only ever resumed together with its certificate, so no socket
 * can be without one; a server that changed its certificate refuses the old session and the
 * full handshake reads the new certificate.
 */
export function createTlsConnector(options: TlsConnectorOptions): TlsConnector {
  const plain = buildConnector({ timeout: options.timeoutMs } as BuildConnector.BuildOptions);
  const sessions = new Map<string, RememberedSession>();
  const certificates = new WeakMap<Socket, Uint8Array>();

  const remember = (key: string, entry: RememberedSession): void => {
    if (!options.resumeSessions) return;
    sessions.delete(key); // re-inserted last: the Map's order is least recently stored first
    if (sessions.size >= MAX_REMEMBERED_SESSIONS) {
      const oldest = sessions.keys().next();
      if (!oldest.done) sessions.delete(oldest.value);
    }
    sessions.set(key, entry);
  };

  const connectTls = (target: BuildConnector.Options, callback: BuildConnector.Callback): void => {
    const port = Number(target.port) || 443;
    const servername = target.servername || options.tls.servername || serverNameFor(target.hostname);
    const key = `${servername ?? ''}|${target.hostname}|${port}`;
    const offered = options.resumeSessions ? sessions.get(key) : undefined;
    let settled = false;
    const socket: TLSSocket = tlsConnect({
      ...options.tls,
      host: target.hostname,
      port,
      servername,
      session: offered?.session,
      ALPNProtocols: ['http/1.1'],
      socket: target.httpSocket,
    });
    // Computed once, on the first event that needs it ('session' may come before 'secureConnect').
    const certificate = (): Uint8Array | undefined => {
      let known = certificates.get(socket);
      if (known === undefined) {
        known = socket.isSessionReused() ? offered?.certificate : peerCertificateDer(socket);
        if (known !== undefined) certificates.set(socket, known);
      }
      return known;
    };
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        callback(error, null);
      } else {
        callback(null, socket);
      }
    };
    const timer = setTimeout(() => {
      settle(
        new EwsTimeoutError(
          `Connecting to ${target.hostname}:${port} (TCP and TLS) timed out after ${options.timeoutMs} ms`,
          { requestFate: 'not-sent', timeoutMs: options.timeoutMs },
        ),
      );
    }, options.timeoutMs);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.on('session', (session: Buffer) => {
      const der = certificate();
      if (der !== undefined) remember(key, { session, certificate: der });
    });
    socket.once('secureConnect', () => {
      certificate();
      settle(null);
    });
    // Stays attached: undici adds its own listeners once connected; errors before that are ours.
    socket.on('error', (error) => settle(error));
  };

  return {
    connect: (target, callback) => {
      if (target.protocol === 'https:') connectTls(target, callback);
      else plain(target, callback);
    },
    certificateOf: (socket) => certificates.get(socket),
  };
}

/** SNI is sent for host names only (RFC 6066 §3), as undici does. */
function serverNameFor(hostname: string): string | undefined {
  return isIP(hostname) === 0 ? hostname : undefined;
}

function peerCertificateDer(socket: TLSSocket): Uint8Array | undefined {
  // getPeerCertificate(), not getPeerX509Certificate(): on Node 20 the latter empties the peer
  // chain, after which both report nothing.
  const raw = socket.getPeerCertificate().raw as Buffer | undefined;
  return raw === undefined || raw.length === 0 ? undefined : new Uint8Array(raw);
}
