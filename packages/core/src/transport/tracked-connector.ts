import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import type { ConnectionInfo } from '../pipeline/http.js';
import type { ResolvedProxy } from './proxy-config.js';
import { openTunnel } from './proxy-tunnel.js';
import type { SocketSlot } from './response-collector.js';
import type { TlsConnector } from './tls-connector.js';

export interface TrackedConnectorOptions {
  /** Opens sockets with the TLS options; shared by the transport's clients, so TLS sessions are reused. */
  readonly connector: TlsConnector;
  /** Set when the target must be reached through a CONNECT tunnel. */
  readonly tunnel: ResolvedProxy | undefined;
  readonly connectTimeoutMs: number;
  readonly nextConnectionId: () => number;
  readonly onConnectionClosed: ((info: ConnectionInfo) => void) | undefined;
  /** Aborted when the transport closes. */
  readonly signal: AbortSignal;
}

/**
 * A connector for one undici Client: it gives every socket an id (unique within the process,
 * see connection-ids.ts), records the certificate of the socket's TLS session (for channel binding, also
 * when the session was resumed), tunnels through the proxy when needed, and reports the close.
 */
export function createTrackedConnector(
  options: TrackedConnectorOptions,
  slot: SocketSlot,
): buildConnector.connector {
  const opened = (socket: Socket): void => {
    const id = options.nextConnectionId();
    const peerCertificate = options.connector.certificateOf(socket);
    const info: ConnectionInfo = peerCertificate === undefined ? { id } : { id, peerCertificate };
    slot.current = info;
    socket.once('close', () => {
      if (slot.current === info) slot.current = undefined;
      try {
        options.onConnectionClosed?.(info);
      } catch {
        // A listener's failure must not crash the socket's event loop turn.
      }
    });
  };

  return (connectOptions, callback) => {
    const done: buildConnector.Callback = (...args) => {
      const [error, socket] = args;
      if (error === null && socket) opened(socket);
      callback(...args);
    };
    const tunnel = options.tunnel;
    if (!tunnel) {
      options.connector.connect(connectOptions, done);
      return;
    }
    const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
    openTunnel(
      tunnel,
      { hostname: connectOptions.hostname, port },
      options.connectTimeoutMs,
      options.signal,
      (error, socket) => {
        if (error || !socket) {
          callback(error ?? new Error('Proxy tunnel failed'), null);
          return;
        }
        if (connectOptions.protocol !== 'https:') {
          done(null, socket);
          return;
        }
        options.connector.connect({ ...connectOptions, httpSocket: socket }, (...args) => {
          if (args[0] !== null) socket.destroy();
          done(...args);
        });
      },
    );
  };
}
