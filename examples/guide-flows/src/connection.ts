import { Configuration, Credentials, faultTolerant, type Policy } from '@ews/client';

/** Where to connect: the guide's TEST_CONFIG (server, username, password, email). */
export interface ConnectionSettings {
  readonly serviceEndpoint: string;
  readonly username: string;
  readonly password: string;
  /** Loopback test servers only (Basic over http). */
  readonly allowInsecureHttp?: boolean | undefined;
  /** Extra pipeline policies, e.g. the tests' request recorder. */
  readonly policies?: readonly Policy[] | undefined;
}

/**
 * The guide's `Configuration(server=…, credentials=…, max_connections=4)`, plus the retry policy
 * exchangelib users get from `FaultTolerance`: throttling (ErrorServerBusy, 503) is waited out
 * within `maxTotalWaitMs`, honouring the server's back-off, instead of a hand-written retry loop.
 */
export function configure(settings: ConnectionSettings, maxTotalWaitMs = 30_000): Configuration {
  return new Configuration({
    serviceEndpoint: settings.serviceEndpoint,
    credentials: new Credentials(settings.username, settings.password),
    authType: 'basic',
    connections: 4,
    retry: faultTolerant({ maxTotalWaitMs, baseDelayMs: 50, maxDelayMs: 2_000 }),
    allowInsecureHttp: settings.allowInsecureHttp,
    policies: settings.policies,
  });
}
