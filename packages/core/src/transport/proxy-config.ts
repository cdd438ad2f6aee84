import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { bypassesProxy } from './no-proxy.js';
import type { ProxyOption } from './undici-transport-options.js';

/** A proxy to use for one target, with credentials split off the URL. */
export interface ResolvedProxy {
  /** The proxy origin without credentials. */
  readonly url: URL;
  /** `Basic …` for Proxy-Authorization, when credentials were given. Never logged. */
  readonly authorization: string | undefined;
  /** Safe to log: the proxy origin, credentials never included. */
  readonly display: string;
}

export type ProxyResolver = (target: URL) => ResolvedProxy | undefined;

type Env = Readonly<Record<string, string | undefined>>;

/** Variables tried in order for each target scheme (lower case first, as curl does). */
const proxyVariables: Readonly<Record<string, readonly string[]>> = {
  'https:': ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'],
  'http:': ['http_proxy', 'HTTP_PROXY'],
};
const noProxyVariables = ['no_proxy', 'NO_PROXY'] as const;

/** Turns the `proxy` option into a per-target decision, once, when the transport is created. */
export function createProxyResolver(option: ProxyOption | undefined, env: Env): ProxyResolver {
  if (option === false) return () => undefined;
  if (option === undefined || option === 'env') return envResolver(env);
  const fixed =
    typeof option === 'string' || option instanceof URL
      ? parseProxy(option, undefined, undefined)
      : parseProxy(option.url, option.username, option.password);
  return () => fixed;
}

function envResolver(env: Env): ProxyResolver {
  const noProxy = firstSet(env, noProxyVariables);
  const byScheme = new Map<string, ResolvedProxy | undefined>();
  for (const [scheme, names] of Object.entries(proxyVariables)) {
    const value = firstSet(env, names);
    byScheme.set(scheme, value ? parseProxy(value, undefined, undefined) : undefined);
  }
  return (target) => (bypassesProxy(target, noProxy) ? undefined : byScheme.get(target.protocol));
}

function firstSet(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

function parseProxy(
  value: string | URL,
  username: string | undefined,
  password: string | undefined,
): ResolvedProxy {
  let url: URL;
  try {
    // `proxy:3128` without a scheme is common in environment variables.
    url = new URL(
      typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `http://${value}` : value,
    );
  } catch {
    throw new EwsInvalidArgumentError('The proxy is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EwsInvalidArgumentError(`Unsupported proxy scheme ${url.protocol} (use http: or https:)`);
  }
  const user = username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const pass = password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  const clean = new URL(url.origin);
  return {
    url: clean,
    authorization:
      user === undefined
        ? undefined
        : `Basic ${Buffer.from(`${user}:${pass ?? ''}`, 'utf8').toString('base64')}`,
    display: clean.origin,
  };
}
