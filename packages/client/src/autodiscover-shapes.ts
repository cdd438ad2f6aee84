// The shapes of @ews/autodiscover that the client's public API shows, declared here so that
// @ews/client's type declarations do not import the optional package: an app without it still
// type-checks with `skipLibCheck: false`. test/autodiscover-shapes.ts keeps them equal to the
// package's own (checked by `pnpm typecheck`).
import type { Build, ExchangeVersion, Logger, Transport, UndiciTransportOptions } from '@ews/core';

/** Autodiscover dialects: SOAP (`autodiscover.svc`) and POX (`autodiscover.xml`). */
export type AutodiscoverProtocol = 'soap' | 'pox';

/** One DNS SRV record. */
export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** The target host name. */
  readonly name: string;
}

/** SRV lookups (`_autodiscover._tcp.{domain}`). */
export interface SrvResolver {
  /** Resolves to no records (not a rejection) when the name does not exist. */
  resolveSrv(name: string, options: { readonly signal: AbortSignal }): Promise<readonly SrvRecord[]>;
}

/** An endpoint remembered for a domain. */
export interface CachedEndpoint {
  readonly url: string;
  readonly protocol: AutodiscoverProtocol;
  /** Epoch milliseconds after which the entry is ignored. */
  readonly expiresAt: number;
}

/** A store for endpoints per domain; methods may be sync or async. */
export interface AutodiscoverCache {
  get(key: string): CachedEndpoint | undefined | Promise<CachedEndpoint | undefined>;
  set(key: string, value: CachedEndpoint): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** Which hosts may receive credentials (only https ever does). */
export interface RedirectPolicy {
  /** Trust hosts in the address's own domain. Default true. */
  readonly sameDomain?: boolean | undefined;
  /** Hosts trusted as well: exact names or `*.example.com`. */
  readonly allowHosts?: readonly string[] | undefined;
  /** Asked about any other https host; answer true to send credentials there. */
  readonly allow?: ((url: URL) => boolean | Promise<boolean>) | undefined;
}

/** How discovery reaches the network: your own core Transport, or options for a new undici one. */
export type AutodiscoverTransportOption = Transport | Omit<UndiciTransportOptions, 'tls' | 'logger'>;

/** @ews/autodiscover's options, less `auth` and `tls` (the client makes those from the account's). */
export interface DiscoveryOptions {
  /** SRV lookups. Default: the system resolver (node:dns). */
  readonly dns?: SrvResolver | undefined;
  /** A core Transport of yours (never closed), or options for a new undici transport. */
  readonly transport?: AutodiscoverTransportOption | undefined;
  /** Which hosts may receive credentials. Default: the address's own domain only. */
  readonly redirectPolicy?: RedirectPolicy | undefined;
  /** The endpoint cache per domain (default: in memory), or `false` for none. */
  readonly cache?: AutodiscoverCache | false | undefined;
  /** How long a cached endpoint is used. Default 24 hours. */
  readonly cacheTtlMs?: number | undefined;
  /** Dialects to try at each host, in order. Default `['soap', 'pox']`. */
  readonly protocols?: readonly AutodiscoverProtocol[] | undefined;
  /** SOAP settings to request. Default: @ews/autodiscover's `DEFAULT_REQUESTED_SETTINGS`. */
  readonly settings?: readonly string[] | undefined;
  /** Redirects followed at most. Default 10. */
  readonly maxRedirects?: number | undefined;
  /** Deadline for each single step. Default 15 s; `NO_DEADLINE` (Infinity) for none. */
  readonly stepTimeoutMs?: number | undefined;
  /** Default deadline for a whole discovery. Default 60 s; `NO_DEADLINE` (Infinity) for none. */
  readonly timeoutMs?: number | undefined;
  /** The largest Autodiscover answer read, in bytes. Default 1 MiB. */
  readonly maxResponseBytes?: number | undefined;
  /** Silent by default; steps are logged at debug level. */
  readonly logger?: Logger | undefined;
  /** Random numbers in [0, 1) for the SRV weight draw. */
  readonly random?: (() => number) | undefined;
  /** The clock for cache expiry (epoch ms). */
  readonly now?: (() => number) | undefined;
}

/** The server's build, and the API version to request from it when the build is known. */
export interface DiscoveredServerVersion {
  readonly build: Build;
  readonly apiVersion: ExchangeVersion | undefined;
}

/** How a step came to be tried. */
export type StepSource =
  | 'cache'
  | 'domain'
  | 'autodiscover-host'
  | 'http-redirect'
  | 'dns-srv'
  | 'redirect-url'
  | 'http-location';

/** What came of a step. */
export type StepOutcome =
  | 'settings'
  | 'redirect-address'
  | 'redirect-url'
  | 'redirect'
  | 'failed'
  | 'skipped';

/** One thing discovery tried, and why it did or did not lead anywhere. */
export interface AutodiscoverStep {
  readonly source: StepSource;
  /** The address looked up at this step. */
  readonly email: string;
  readonly action: 'POST' | 'GET' | 'SRV' | 'CACHE';
  /** URL (user info and query removed) or DNS name. */
  readonly target: string;
  readonly protocol?: AutodiscoverProtocol | undefined;
  readonly outcome: StepOutcome;
  /** What was found, or why it failed or was skipped. */
  readonly detail: string;
  readonly status?: number | undefined;
  /** The EwsError code, when the step failed with one. */
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
}

/** What discovery found. */
export interface AutodiscoverResult {
  /** The address you asked about. */
  readonly email: string;
  /** The address the server answered for. */
  readonly smtpAddress: string;
  /** The EWS endpoint (always https). */
  readonly ewsUrl: string;
  /** The dialect of the endpoint that answered. */
  readonly protocol: AutodiscoverProtocol;
  /** The Autodiscover endpoint that answered. */
  readonly autodiscoverUrl: string;
  /** The server's build and API version, when the answer told. */
  readonly serverVersion: DiscoveredServerVersion | undefined;
  /** Every string setting the server returned, by SOAP setting name. */
  readonly userSettings: Readonly<Record<string, string>>;
  /** True when the endpoint came from the cache. */
  readonly fromCache: boolean;
  /** Every step tried, in order. */
  readonly trace: readonly AutodiscoverStep[];
}
