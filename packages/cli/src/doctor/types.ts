/**
 * The data `ews doctor` produces. `--json` prints a `DoctorReport` as is; the human renderer
 * prints the same steps. Stable names: scripts may match on `name` and `status`.
 */

/** `pass`: fine. `warn`: works, but worth a look. `fail`: this is (part of) why it does not work. `skip`: not run. */
export type DoctorStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** Every step doctor can report, in the order it runs them. */
export const DOCTOR_STEP_NAMES = [
  'autodiscover-srv',
  'autodiscover',
  'dns',
  'tcp',
  'tls',
  'auth-schemes',
  'channel-binding',
  'sign-in',
  'server-version',
  'mailbox',
  'impersonation',
  'room-lists',
  'throttling',
] as const;

export type DoctorStepName = (typeof DOCTOR_STEP_NAMES)[number];

/** One line of the diagnosis. */
export interface DoctorStep {
  readonly name: DoctorStepName;
  readonly status: DoctorStatus;
  /** Wall-clock time the step took, in whole milliseconds (0 for a skipped step). */
  readonly ms: number;
  /** What was found, or, for `skip`, why the step did not run. One line. */
  readonly detail: string;
  /** For `fail` and `warn`: one line saying what to do about it. */
  readonly advice?: string | undefined;
  /** Supporting lines (e.g. each Autodiscover step tried, the certificate chain). */
  readonly lines?: readonly string[] | undefined;
}

/** What `ews doctor --json` prints. */
export interface DoctorReport {
  /** The mailbox diagnosed. */
  readonly email: string;
  /** The EWS URL used (given, or found by Autodiscover), when there was one. */
  readonly ewsUrl: string | undefined;
  /** True when no step failed (the exit code is 0 exactly then). */
  readonly ok: boolean;
  readonly steps: readonly DoctorStep[];
}

/** The auth schemes doctor can sign in with. */
export type DoctorAuth = 'basic' | 'ntlm';

/** Name and SRV lookups, replaceable for tests or a resolver of your own. */
export interface DoctorResolver {
  /** A and AAAA addresses of a host (as `dns.lookup(host, { all: true })`). */
  lookup(host: string, options: { readonly signal: AbortSignal }): Promise<readonly DoctorAddress[]>;
  /** SRV records of a name; an empty list when there are none. */
  resolveSrv(name: string, options: { readonly signal: AbortSignal }): Promise<readonly DoctorSrvRecord[]>;
}

export interface DoctorAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface DoctorSrvRecord {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

/** The connection settings doctor checks (the flags of `ews doctor`). */
export interface DoctorOptions {
  /** The mailbox to diagnose. */
  readonly email: string;
  /** The EWS URL (or just a host name: `https://HOST/EWS/Exchange.asmx` is then assumed); without it, Autodiscover finds it. */
  readonly server?: string | undefined;
  /** The user to sign in as (default: `email`). */
  readonly user?: string | undefined;
  /** The password; without it the steps that sign in are skipped. Never printed. */
  readonly password?: string | undefined;
  /** Force a scheme; default: NTLM when the server offers it, else Basic. */
  readonly auth?: DoctorAuth | undefined;
  /** NTLM channel binding as the client will send it (default `auto`: bound to the server's certificate). */
  readonly channelBinding?: 'auto' | 'off' | undefined;
  /** A mailbox to check impersonation rights for. */
  readonly impersonate?: string | undefined;
  /** Extra trusted CA certificates (PEM), in addition to Node's roots and NODE_EXTRA_CA_CERTS. */
  readonly ca?: string | undefined;
  /** Hosts outside the mailbox's domain that Autodiscover may send credentials to. */
  readonly trustHosts?: readonly string[] | undefined;
  /** Deadline of each step, in milliseconds (default 15 000). */
  readonly stepTimeoutMs?: number | undefined;
  /** Cancels everything. */
  readonly signal?: AbortSignal | undefined;
  /** DNS, for tests or a resolver of your own. Default: the system's. */
  readonly resolver?: DoctorResolver | undefined;
}
