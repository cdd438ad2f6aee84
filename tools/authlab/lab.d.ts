export declare const START_SCRIPT: string;
export declare const STOP_SCRIPT: string;

export interface LabEndpoint {
  readonly url: string;
  readonly scheme: string;
  readonly expect_user: string;
  readonly port: number;
}

/** endpoints.json as start.sh and its fragments write it. */
export interface LabDescription {
  readonly endpoints: Readonly<Record<string, LabEndpoint>>;
  readonly users: Readonly<Record<string, string>>;
  readonly realm: string;
  readonly ca_cert: string;
  readonly client_certs: Readonly<
    Record<string, { cert: string; key: string; p12?: string; p12_password?: string }>
  >;
  readonly logs: { readonly access: string; readonly error: string };
  readonly notes: readonly string[];
  readonly kerberos?: { readonly realm: string; readonly krb5_config: string };
  readonly bearer?: { readonly signing_key: string; readonly kid: string };
}

export declare function labDir(env?: NodeJS.ProcessEnv): string;
export declare function readLab(dir?: string): LabDescription | undefined;
export declare function probe(
  url: string | URL,
  accept: (status: number, wwwAuthenticate: string) => boolean,
  method?: 'POST' | 'GET',
): Promise<boolean>;
export declare function ensureLab(options: {
  isUp: () => Promise<boolean>;
  /** Named in the error when the lab cannot start. */
  what: string;
  env?: NodeJS.ProcessEnv;
}): Promise<{ startedHere: boolean }>;
export declare function startLab(options: { what: string; env?: NodeJS.ProcessEnv }): void;
export declare function stopLab(options?: { env?: NodeJS.ProcessEnv; purge?: boolean }): void;

export interface AccessLine {
  /** `ip:port` of the client socket: one value per TCP connection. */
  readonly client: string;
  readonly localPort: number;
  readonly user: string;
  readonly status: number;
  /** n-th request on this connection, 0 = first. */
  readonly keepAlive: number;
}
export declare function watchAccessLog(path: string, url: string): () => AccessLine[];
/**
 * The access log once Apache has written every line (it logs a request after answering it): waits
 * until at least `atLeast` lines are there (default 0), then until no line came for `quietMs`
 * (default 150), at most `maxMs` in all (default 10000).
 */
export declare function settledLog(
  read: () => AccessLine[],
  options?: { readonly atLeast?: number; readonly quietMs?: number; readonly maxMs?: number },
): Promise<AccessLine[]>;
