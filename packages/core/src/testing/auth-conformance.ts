import { inspect } from 'node:util';
import {
  AUTH_SPEC_VERSION,
  type AuthContext,
  type AuthRequest,
  type AuthStrategy,
  isAuthStrategy,
} from '../auth/strategy.js';
import { parseWwwAuthenticate } from '../auth/www-authenticate.js';
import { EwsError } from '../errors/ews-error.js';
import { silentLogger } from '../logging/logger.js';
import type { AuthServerHandler } from './auth-server-handler.js';
import { startLoopbackAuthServer } from './loopback-auth-server.js';
import { createDriverSession } from './reference-driver.js';

export interface AuthConformanceOptions {
  /** Shown in the report and the failure message. */
  readonly name: string;
  /** Makes a fresh strategy; every check gets its own. */
  readonly create: () => AuthStrategy | Promise<AuthStrategy>;
  /** Strings that must never show up when the strategy or its errors are printed (passwords, tokens, keys). */
  readonly secrets: readonly string[];
  /** The server side of the scheme: enables the full round-trip check. */
  readonly server?: AuthServerHandler | undefined;
  /** The user the server must report after the round trip. */
  readonly expectedUser?: string | undefined;
  /** A check taking longer than this has hung and fails. Default 5 s. */
  readonly checkTimeoutMs?: number | undefined;
}

/**
 * One check of the kit. `passed` and `failed` mean it ran; `skipped` means it did not apply to
 * this strategy or this run (no reference server given, a request-bound scheme for a socket
 * check, no secrets to look for) and proves nothing: `detail` says why it did not run.
 */
export type AuthConformanceCheck =
  | { readonly name: string; readonly status: 'passed'; readonly detail?: undefined }
  | { readonly name: string; readonly status: 'failed'; readonly detail: string }
  | { readonly name: string; readonly status: 'skipped'; readonly detail: string };

/** `passed` or `failed` (the check ran), or `skipped` (it did not apply: proves nothing). */
export type AuthConformanceStatus = AuthConformanceCheck['status'];

export interface AuthConformanceReport {
  readonly name: string;
  /** Every check of the kit, in order, each with its status: skipped ones are listed too. */
  readonly checks: readonly AuthConformanceCheck[];
}

/** Requests a strategy may cause against a server that refuses everything. More is a retry storm. */
export const MAX_REQUESTS_WHEN_REFUSED = 4;
const DEFAULT_CHECK_TIMEOUT_MS = 5_000;
const UNRELATED_CHALLENGE = 'X-Conformance-Unrelated realm="elsewhere", nonce="not-for-you"';

/** A check that did not apply: never read as passed. */
interface Skipped {
  readonly skipped: string;
}

function skip(reason: string): Skipped {
  return { skipped: reason };
}

/** `undefined`: passed; a string: failed, saying why; `skip(reason)`: did not run. */
type CheckOutcome = string | Skipped | undefined;

/** `cleanup` registers work that runs when the check ends, even when it timed out. */
type CheckBody = (
  strategy: AuthStrategy,
  errors: unknown[],
  cleanup: (work: () => unknown) => void,
) => Promise<CheckOutcome>;

/**
 * The kit's verdict on a list of checks: `failed` when any check failed, and also when none
 * passed (every check skipped: nothing was verified, which must not read as conformant);
 * `passed` otherwise. Skipped checks count neither way.
 */
export function conformanceVerdict(checks: readonly AuthConformanceCheck[]): 'passed' | 'failed' {
  if (checks.some((check) => check.status === 'failed')) return 'failed';
  return checks.some((check) => check.status === 'passed') ? 'passed' : 'failed';
}

/**
 * The conformance suite every auth strategy, built-in or plugin, should pass. It is
 * framework-agnostic: it resolves with a report when no check failed and at least one passed,
 * and throws an Error listing the failed checks otherwise (or saying that every check was
 * skipped), so it fits any test runner. A check that does not apply is `skipped`, never `passed`:
 * assert in your test which checks ran (`report.checks` lists every check with its status).
 */
export async function runAuthConformance(options: AuthConformanceOptions): Promise<AuthConformanceReport> {
  const thrown: unknown[] = [];
  const checks: AuthConformanceCheck[] = [];
  const secrets = options.secrets.filter((secret) => secret.length > 0);
  const noSecrets = skip('no secrets were given to look for');
  const noServer = skip('no reference server was given (options.server)');
  const table: (readonly [string, CheckBody | Skipped])[] = [
    ['contract shape', checkContract],
    [
      'secrets absent when the strategy is printed',
      async (strategy) => (secrets.length === 0 ? noSecrets : findSecret(printed(strategy), secrets)),
    ],
    ['authorize honours an aborted signal', checkAbortedSignal],
    [
      'gives up when the server keeps answering 401',
      (strategy, errors, cleanup) => checkGivesUp(strategy, errors, cleanup, options.server),
    ],
    ['does not answer an unrelated scheme', checkUnrelatedScheme],
    ['dispose is idempotent', checkDispose],
  ];
  // Without a server these three are listed as skipped, with no strategy made for them.
  const server = options.server;
  table.push(
    [
      'round trip against the reference server',
      server
        ? (s, errors, cleanup) => checkRoundTrip(s, errors, cleanup, server, options.expectedUser)
        : noServer,
    ],
    [
      'interleaved calls keep their own state (keyed by their AuthRequest)',
      server ? (s, errors, cleanup) => checkInterleaved(s, errors, cleanup, server) : noServer,
    ],
    [
      'forgets the sockets that closed',
      server ? (s, errors, cleanup) => checkForgetsClosed(s, errors, cleanup, server) : noServer,
    ],
  );
  for (const [name, body] of table) {
    checks.push(
      typeof body === 'function' ? await runCheck(name, options, body, thrown) : resultOf(name, body),
    );
  }
  checks.push(checkThrownErrors(thrown, secrets, noSecrets));

  if (conformanceVerdict(checks) === 'failed') {
    const failed = checks.filter((check) => check.status === 'failed');
    const lines =
      failed.length > 0
        ? failed.map((check) => `  - ${check.name}: ${check.detail}`)
        : ['  - every check was skipped, so nothing was verified'];
    throw new Error(`Auth conformance failed for ${options.name}:\n${lines.join('\n')}`);
  }
  return { name: options.name, checks };
}

function checkThrownErrors(
  thrown: readonly unknown[],
  secrets: readonly string[],
  noSecrets: Skipped,
): AuthConformanceCheck {
  const name = 'secrets absent from thrown errors';
  if (secrets.length === 0) return { name, status: 'skipped', detail: noSecrets.skipped };
  if (thrown.length === 0) return { name, status: 'skipped', detail: 'no check made the strategy throw' };
  const leaked = thrown
    .map((error) => findSecret(printedError(error), secrets))
    .find((found) => found !== undefined);
  return leaked === undefined ? { name, status: 'passed' } : { name, status: 'failed', detail: leaked };
}

function resultOf(name: string, outcome: CheckOutcome): AuthConformanceCheck {
  if (outcome === undefined) return { name, status: 'passed' };
  if (typeof outcome === 'string') return { name, status: 'failed', detail: outcome };
  return { name, status: 'skipped', detail: outcome.skipped };
}

async function runCheck(
  name: string,
  options: AuthConformanceOptions,
  body: CheckBody,
  thrown: unknown[],
): Promise<AuthConformanceCheck> {
  let strategy: AuthStrategy | undefined;
  const cleanups: (() => unknown)[] = [];
  try {
    strategy = await options.create();
    const timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const outcome = await withTimeout(
      body(strategy, thrown, (work) => cleanups.push(work)),
      timeoutMs,
      `${name} did not finish within ${timeoutMs} ms`,
    );
    return resultOf(name, outcome);
  } catch (error) {
    thrown.push(error);
    return { name, status: 'failed', detail: `threw ${describe(error)}` };
  } finally {
    for (const work of [...cleanups, () => strategy?.dispose?.()]) {
      await (async () => work())().catch((error: unknown) => thrown.push(error));
    }
  }
}

async function checkContract(strategy: AuthStrategy): Promise<string | undefined> {
  if (!isAuthStrategy(strategy)) return 'isAuthStrategy() is false';
  if (strategy.specVersion !== AUTH_SPEC_VERSION) return `specVersion is ${String(strategy.specVersion)}`;
  if (strategy.scheme.trim() === '') return 'scheme is empty';
  for (const method of [
    'onChallenge',
    'onSuccess',
    'onConnectionClosed',
    'trackedConnections',
    'dispose',
  ] as const) {
    const value: unknown = strategy[method];
    if (value !== undefined && typeof value !== 'function')
      return `${method} is neither undefined nor a function`;
  }
  // State kept per socket must be observable, or nobody can check that a closed socket is forgotten.
  if (strategy.onConnectionClosed !== undefined && strategy.trackedConnections === undefined)
    return 'implements onConnectionClosed (state per socket) but not trackedConnections(): the suite cannot check that closed sockets are forgotten';
  return undefined;
}

async function checkAbortedSignal(strategy: AuthStrategy, errors: unknown[]): Promise<string | undefined> {
  const controller = new AbortController();
  controller.abort(new Error('conformance abort'));
  const request = authRequest(new URL('https://ews.example.test/EWS/Exchange.asmx'));
  try {
    await strategy.authorize(request, context(controller.signal, 0));
  } catch (error) {
    errors.push(error);
    return undefined;
  }
  return 'authorize resolved although the signal had already aborted';
}

async function checkGivesUp(
  strategy: AuthStrategy,
  errors: unknown[],
  cleanup: (work: () => unknown) => void,
  handler: AuthServerHandler | undefined,
): Promise<string | undefined> {
  // Without a reference server, a bare challenge for the strategy's own scheme.
  const refusing: AuthServerHandler = handler ?? {
    scheme: strategy.scheme,
    challenges: () => [strategy.scheme],
    verify: () => ({ ok: false }),
  };
  const server = await startLoopbackAuthServer(refusing, { alwaysReject: true, maxRequests: 50 });
  cleanup(() => server.close());
  const session = createDriverSession();
  cleanup(() => session.close());
  // The driver's own bound is far above MAX_REQUESTS_WHEN_REFUSED: the strategy must stop first.
  const result = await session.send(strategy, { url: server.url, maxRounds: 20 }).catch((error: unknown) => {
    errors.push(error);
    return undefined;
  });
  if (result) return `the server refused everything, yet the call ended with HTTP ${result.status}`;
  const sent = server.exchanges.length;
  return sent > MAX_REQUESTS_WHEN_REFUSED
    ? `sent ${sent} requests to a server that refuses everything (at most ${MAX_REQUESTS_WHEN_REFUSED} allowed)`
    : undefined;
}

async function checkUnrelatedScheme(strategy: AuthStrategy, errors: unknown[]): Promise<CheckOutcome> {
  if (!strategy.onChallenge) return skip('no onChallenge: the strategy answers no challenge at all');
  const request = authRequest(new URL('https://ews.example.test/EWS/Exchange.asmx'));
  const signal = new AbortController().signal;
  await strategy.authorize(request, context(signal, 0));
  const response = { status: 401, headers: { 'www-authenticate': UNRELATED_CHALLENGE }, body: '' };
  let answer: Awaited<ReturnType<NonNullable<AuthStrategy['onChallenge']>>>;
  try {
    answer = await strategy.onChallenge(
      { request, response, challenges: parseWwwAuthenticate([UNRELATED_CHALLENGE]) },
      context(signal, 1),
    );
  } catch (error) {
    // Giving up with an EwsAuthError that names what the server offered sends nothing either.
    errors.push(error);
    if (EwsError.isInstance(error) && error.code === 'EWS_AUTH') return undefined;
    throw error;
  }
  return answer === undefined
    ? undefined
    : `answered an X-Conformance-Unrelated challenge with ${Object.keys(answer).join(', ')}`;
}

async function checkDispose(strategy: AuthStrategy): Promise<CheckOutcome> {
  if (!strategy.dispose) return skip('no dispose');
  await strategy.dispose();
  await strategy.dispose?.();
  return undefined;
}

async function checkRoundTrip(
  strategy: AuthStrategy,
  errors: unknown[],
  cleanup: (work: () => unknown) => void,
  handler: AuthServerHandler,
  expectedUser: string | undefined,
): Promise<string | undefined> {
  const server = await startLoopbackAuthServer(handler, { maxRequests: 50 });
  cleanup(() => server.close());
  const session = createDriverSession();
  cleanup(() => session.close());
  for (const attempt of ['first', 'second']) {
    const result = await session.send(strategy, { url: server.url }).catch((error: unknown) => {
      errors.push(error);
      return describe(error);
    });
    if (typeof result === 'string') return `${attempt} request failed: ${result}`;
    if (result.status !== 200) return `${attempt} request ended with HTTP ${result.status}`;
    if (expectedUser !== undefined && result.user !== expectedUser) {
      return `${attempt} request authenticated as ${String(result.user)}, expected ${expectedUser}`;
    }
  }
  return undefined;
}

/**
 * (Request-bound schemes.) Two calls whose handshakes overlap, on two sockets, each with its own AuthRequest object (equal
 * in content): a strategy that keeps per-call state anywhere but under the AuthRequest's identity
 * (a field of its own, the URL, the operation) mixes them up and one call fails.
 */
async function checkInterleaved(
  strategy: AuthStrategy,
  errors: unknown[],
  cleanup: (work: () => unknown) => void,
  handler: AuthServerHandler,
): Promise<CheckOutcome> {
  // A server handler has no notion of sockets, so two connection-bound handshakes at once would
  // confuse it, not the strategy; core runs those on leased sockets of their own anyway.
  if (strategy.binding === 'connection')
    return skip("binding 'connection': core runs each handshake on a leased socket of its own");
  const server = await startLoopbackAuthServer(handler, { maxRequests: 50 });
  cleanup(() => server.close());
  const sessions = [createDriverSession(), createDriverSession()];
  for (const session of sessions) cleanup(() => session.close());
  const results = await Promise.all(
    sessions.map((session) =>
      session.send(strategy, { url: server.url }).catch((error: unknown) => {
        errors.push(error);
        return describe(error);
      }),
    ),
  );
  const failed = results.findIndex((result) => typeof result === 'string' || result.status !== 200);
  if (failed < 0) return undefined;
  const result = results[failed];
  return `call ${failed + 1} of 2 ${typeof result === 'string' ? `failed: ${result}` : `ended with HTTP ${result?.status}`}`;
}

/**
 * A connection-bound strategy that reports `trackedConnections` holds no state for a socket once
 * core has reported it closed (else its per-socket state grows for the life of the process).
 */
async function checkForgetsClosed(
  strategy: AuthStrategy,
  errors: unknown[],
  cleanup: (work: () => unknown) => void,
  handler: AuthServerHandler,
): Promise<CheckOutcome> {
  if (strategy.binding !== 'connection')
    return skip("binding 'request': the strategy keeps no state per socket");
  if (!strategy.trackedConnections)
    return skip('no onConnectionClosed/trackedConnections: the strategy keeps no state per socket');
  const server = await startLoopbackAuthServer(handler, { maxRequests: 50 });
  cleanup(() => server.close());
  const session = createDriverSession();
  cleanup(() => session.close());
  const result = await session.send(strategy, { url: server.url }).catch((error: unknown) => {
    errors.push(error);
    return describe(error);
  });
  if (typeof result === 'string') return `the call failed: ${result}`;
  if (strategy.trackedConnections() === 0) return 'trackedConnections() is 0 while its socket is open';
  session.close();
  const deadline = Date.now() + 2_000;
  while (strategy.trackedConnections() !== 0) {
    if (Date.now() > deadline)
      return `trackedConnections() is ${strategy.trackedConnections()} after every socket closed (expected 0)`;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

function authRequest(url: URL): AuthRequest {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: '',
    operation: 'GetFolder',
  };
}

function context(signal: AbortSignal, round: number): AuthContext {
  return {
    signal,
    logger: silentLogger,
    connection: undefined,
    round,
    sideRequest: () => Promise.reject(new Error('the conformance suite makes no side requests')),
  };
}

function printed(strategy: AuthStrategy): string {
  let json: string;
  try {
    json = JSON.stringify(strategy) ?? '';
  } catch {
    json = '';
  }
  return [
    inspect(strategy, { depth: 10, showHidden: true }),
    json,
    String(strategy),
    `${Object.values(strategy)}`,
  ].join('\n');
}

function printedError(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  if (error instanceof Error) parts.push(error.message, error.stack ?? '', String(error));
  try {
    parts.push(JSON.stringify(error) ?? '');
  } catch {
    // Circular causes are fine; inspect above already covered them.
  }
  return parts.join('\n');
}

function findSecret(text: string, secrets: readonly string[]): string | undefined {
  const index = secrets.findIndex((secret) => text.includes(secret));
  return index < 0 ? undefined : `secret #${index + 1} (of ${secrets.length}) appears in the output`;
}

function describe(error: unknown): string {
  if (EwsError.isInstance(error)) return `${error.name} (${error.code})`;
  return error instanceof Error ? error.name : typeof error;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
