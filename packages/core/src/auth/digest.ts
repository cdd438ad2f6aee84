import { randomBytes } from 'node:crypto';
import { throwIfAborted } from './abort.js';
import { type DigestAlgorithm, digestAlgorithm, digestHex } from './digest-algorithms.js';
import type { AuthChallenge, AuthContext, AuthHeaders, AuthRequest, AuthStrategy } from './strategy.js';
import { AUTH_SPEC_VERSION } from './strategy.js';
import { requireCredentialString, requireOptionsObject } from './validate-credentials.js';
import type { AuthChallengeParam } from './www-authenticate.js';

export interface DigestAuthOptions {
  readonly username: string;
  readonly password: string;
}

/** What the server's last usable Digest challenge for an origin told us. */
interface DigestSession {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | undefined;
  readonly algorithm: DigestAlgorithm;
  /** `auth`, or undefined for a legacy RFC 2069 server that sent no qop. */
  readonly qop: 'auth' | undefined;
  readonly userhash: boolean;
  /** -sess algorithms keep one cnonce per nonce so the session key stays the same. */
  readonly sessionCnonce: string;
  nonceCount: number;
}

/** Per-call bookkeeping: how many challenges of each kind this call has answered. */
interface CallState {
  fresh: number;
  stale: number;
}

/**
 * A wrong password ends after one fresh answer; `stale=true` (the nonce merely expired)
 * may be answered once more without counting as a failure.
 */
const MAX_ANSWERS_PER_CALL = { fresh: 1, stale: 1 } as const;

/**
 * HTTP Digest (RFC 7616; RFC 2069 when the server sends no qop). After the first
 * challenge, later requests to the same origin are authorized pre-emptively with the
 * cached nonce and an incremented nonce count.
 */
class DigestAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'Digest';
  readonly binding = 'request';
  readonly sendsReusableSecret = false;
  readonly #username: string;
  readonly #password: string;
  readonly #sessions = new Map<string, DigestSession>();
  // The auth policy hands the same AuthRequest object to every round of one call.
  readonly #calls = new WeakMap<AuthRequest, CallState>();

  constructor(username: string, password: string) {
    this.#username = username;
    this.#password = password;
  }

  authorize(request: AuthRequest, context: AuthContext): AuthHeaders | undefined {
    throwIfAborted(context.signal);
    this.#calls.set(request, { fresh: 0, stale: 0 });
    const session = this.#sessions.get(request.url.origin);
    return session ? this.#answer(session, request) : undefined;
  }

  onChallenge(challenge: AuthChallenge, context: AuthContext): AuthHeaders | undefined {
    throwIfAborted(context.signal);
    const chosen = strongestUsable(challenge.challenges);
    if (!chosen) return undefined;
    const call = this.#calls.get(challenge.request) ?? { fresh: 0, stale: 0 };
    this.#calls.set(challenge.request, call);
    const kind = chosen.params.stale?.toLowerCase() === 'true' ? 'stale' : 'fresh';
    if (call[kind] >= MAX_ANSWERS_PER_CALL[kind]) {
      context.logger.debug('Digest credentials refused; giving up', { realm: chosen.params.realm });
      return undefined;
    }
    call[kind] += 1;
    const session = toSession(chosen);
    this.#sessions.set(challenge.request.url.origin, session);
    return this.#answer(session, challenge.request);
  }

  dispose(): void {
    this.#sessions.clear();
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme };
  }

  #answer(session: DigestSession, request: AuthRequest): AuthHeaders {
    session.nonceCount += 1;
    const { algorithm, realm, nonce, qop } = session;
    const nc = session.nonceCount.toString(16).padStart(8, '0');
    const cnonce = algorithm.session ? session.sessionCnonce : newCnonce();
    const uri = request.url.pathname + request.url.search;
    const h = (data: string): string => digestHex(algorithm, data);

    let ha1 = h(`${this.#username}:${realm}:${this.#password}`);
    if (algorithm.session) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = h(`${request.method}:${uri}`);
    const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);

    const parts: string[] = [];
    if (session.userhash) parts.push(`username=${quote(h(`${this.#username}:${realm}`))}`);
    else if (needsExtendedNotation(this.#username))
      parts.push(`username*=UTF-8''${encodeRfc5987(this.#username)}`);
    else parts.push(`username=${quote(this.#username)}`);
    parts.push(`realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(uri)}`);
    parts.push(`algorithm=${algorithm.name}`, `response=${quote(response)}`);
    if (session.opaque !== undefined) parts.push(`opaque=${quote(session.opaque)}`);
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    if (session.userhash) parts.push('userhash=true');
    return { authorization: `Digest ${parts.join(', ')}` };
  }
}

/** The Digest challenge with the strongest algorithm we support and a qop we can answer. */
function strongestUsable(challenges: readonly AuthChallengeParam[]): AuthChallengeParam | undefined {
  let best: AuthChallengeParam | undefined;
  let bestStrength = 0;
  for (const challenge of challenges) {
    if (challenge.scheme.toLowerCase() !== 'digest') continue;
    const { realm, nonce } = challenge.params;
    const algorithm = digestAlgorithm(challenge.params.algorithm);
    if (realm === undefined || !nonce || !algorithm || qopOf(challenge) === null) continue;
    if (algorithm.strength > bestStrength) {
      best = challenge;
      bestStrength = algorithm.strength;
    }
  }
  return best;
}

/** `auth` when offered, undefined when no qop was sent (RFC 2069), null when only auth-int is. */
function qopOf(challenge: AuthChallengeParam): 'auth' | undefined | null {
  const qop = challenge.params.qop;
  if (qop === undefined) return undefined;
  const offered = qop.split(',').map((value) => value.trim().toLowerCase());
  return offered.includes('auth') ? 'auth' : null;
}

function toSession(challenge: AuthChallengeParam): DigestSession {
  const { realm = '', nonce = '', opaque } = challenge.params;
  return {
    realm,
    nonce,
    opaque,
    algorithm: digestAlgorithm(challenge.params.algorithm)!,
    qop: qopOf(challenge) ?? undefined,
    userhash: challenge.params.userhash?.toLowerCase() === 'true',
    sessionCnonce: newCnonce(),
    nonceCount: 0,
  };
}

function newCnonce(): string {
  return randomBytes(16).toString('hex');
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function needsExtendedNotation(value: string): boolean {
  return /[^\x20-\x7e]/.test(value);
}

/** RFC 8187 value-chars: percent-encode everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Creates a Digest auth strategy. Throws EwsInvalidArgumentError for unusable credentials. */
export function createDigestAuth(options: DigestAuthOptions): AuthStrategy {
  const fields = requireOptionsObject(options, 'createDigestAuth');
  const username = requireCredentialString(fields.username, 'username');
  const password = requireCredentialString(fields.password, 'password', { allowEmpty: true });
  return new DigestAuth(username, password);
}
