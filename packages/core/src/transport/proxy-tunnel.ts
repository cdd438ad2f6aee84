import net from 'node:net';
import tls from 'node:tls';
import { EwsTimeoutError, EwsTransportError } from '../errors/error-classes.js';
import type { ResolvedProxy } from './proxy-config.js';

export interface TunnelTarget {
  readonly hostname: string;
  readonly port: number;
}

/** Largest CONNECT response head we accept before calling the proxy broken. */
const maxResponseHead = 16 * 1024;

/**
 * Opens a socket to `target` through an HTTP CONNECT tunnel. The callback gets the
 * raw tunnel socket (TLS to the target is layered on by the caller) or an EwsError
 * that names the proxy by origin only, never by its credentials.
 */
export function openTunnel(
  proxy: ResolvedProxy,
  target: TunnelTarget,
  timeoutMs: number,
  signal: AbortSignal,
  callback: (error: Error | null, socket: net.Socket | null) => void,
): void {
  if (signal.aborted) {
    callback(closedError(), null);
    return;
  }
  const authority = `${target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname}:${target.port}`;
  const proxyPort = Number(proxy.url.port) || (proxy.url.protocol === 'https:' ? 443 : 80);
  const proxyHost = proxy.url.hostname.replace(/^\[|\]$/g, '');
  const socket =
    proxy.url.protocol === 'https:'
      ? tls.connect({ host: proxyHost, port: proxyPort, servername: net.isIP(proxyHost) ? '' : proxyHost })
      : net.connect({ host: proxyHost, port: proxyPort });
  let received = Buffer.alloc(0);
  let done = false;

  const finish = (error: Error | null): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('close', onClose);
    if (error) {
      socket.destroy();
      callback(error, null);
    } else {
      callback(null, socket);
    }
  };
  const fail = (message: string, transportCode: string, cause?: unknown): void =>
    finish(new EwsTransportError(message, { transportCode, requestFate: 'not-sent', cause }));

  const timer = setTimeout(() => {
    finish(
      new EwsTimeoutError(`Connecting through proxy ${proxy.display} to ${authority} timed out`, {
        requestFate: 'not-sent',
        timeoutMs,
      }),
    );
  }, timeoutMs);

  const onError = (error: Error): void =>
    fail(
      `Could not reach proxy ${proxy.display}: ${error.message}`,
      codeOf(error) ?? 'PROXY_CONNECT_FAILED',
      error,
    );
  const onClose = (): void => fail(`Proxy ${proxy.display} closed the connection`, 'PROXY_CONNECT_FAILED');
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end === -1) {
      if (received.length > maxResponseHead)
        fail(`Proxy ${proxy.display} sent an oversized answer`, 'PROXY_PROTOCOL');
      return;
    }
    const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
    if (status !== 200) {
      fail(
        `Proxy ${proxy.display} refused the tunnel to ${authority} with status ${Number.isNaN(status) ? 'unknown' : status}`,
        status === 407 ? 'PROXY_AUTH_REQUIRED' : 'PROXY_CONNECT_FAILED',
      );
      return;
    }
    const rest = received.subarray(end + 4);
    socket.pause();
    if (rest.length > 0) socket.unshift(rest);
    finish(null);
  };

  // The transport closing ends tunnels still being set up (undici cannot see them yet).
  const onAbort = (): void => finish(closedError());
  signal.addEventListener('abort', onAbort, { once: true });
  socket.on('error', onError);
  socket.on('close', onClose);
  socket.on('data', onData);
  socket.once(proxy.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
    const head = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (proxy.authorization) head.push(`Proxy-Authorization: ${proxy.authorization}`);
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
  });
}

function closedError(): EwsTransportError {
  return new EwsTransportError('The transport was closed while connecting through the proxy', {
    transportCode: 'UND_ERR_DESTROYED',
    requestFate: 'not-sent',
  });
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
