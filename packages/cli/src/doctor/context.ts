import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { EwsClient, ServerVersion } from '@ews/core';
import type { DoctorAuth, DoctorOptions, DoctorResolver } from './types.js';

/** A throttling signal a step saw: what the server said and where. */
export interface ThrottleSignal {
  /** `ErrorServerBusy`, `HTTP 503`, … */
  readonly what: string;
  /** The step or operation that met it. */
  readonly where: string;
  /** How long the server asked to wait, if it said. */
  readonly waitMs: number | undefined;
}

/** What the steps learn and hand on to each other during one run. */
export interface DoctorContext {
  readonly options: DoctorOptions;
  readonly resolver: DoctorResolver;
  readonly user: string;
  /** CAs to trust for every TLS connection doctor makes; undefined = Node's defaults. */
  readonly ca: readonly string[] | undefined;
  ewsUrl: URL | undefined;
  /** Schemes named by the EWS endpoint's 401, as sent. */
  offered: readonly string[];
  /** The scheme the signing-in steps use. */
  auth: DoctorAuth | undefined;
  serverVersion: ServerVersion | undefined;
  readonly throttle: ThrottleSignal[];
  /** Clients opened by steps, closed when the run ends. */
  readonly clients: EwsClient[];
}

export function createContext(options: DoctorOptions, resolver: DoctorResolver): DoctorContext {
  return {
    options,
    resolver,
    user: options.user ?? options.email,
    ca: trustedCas(options.ca),
    ewsUrl: undefined,
    offered: [],
    auth: options.auth,
    serverVersion: undefined,
    throttle: [],
    clients: [],
  };
}

/**
 * An explicit `ca` replaces Node's list in `tls.connect`, NODE_EXTRA_CA_CERTS included; so with
 * `--ca` doctor trusts Node's roots, the NODE_EXTRA_CA_CERTS file and the given PEM together, and
 * without it Node's defaults (which hold NODE_EXTRA_CA_CERTS already).
 */
function trustedCas(extra: string | undefined): readonly string[] | undefined {
  if (extra === undefined) return undefined;
  const list = [...rootCertificates];
  const envFile = process.env.NODE_EXTRA_CA_CERTS;
  if (envFile) {
    try {
      list.push(readFileSync(envFile, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable file; the TLS step then names the missing trust.
    }
  }
  list.push(extra);
  return list;
}
