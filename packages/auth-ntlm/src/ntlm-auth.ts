import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthChallengeParam,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
  type ConnectionInfo,
  offeredSchemes,
} from '@ews/core';
import { tlsServerEndPoint } from './channel-binding.js';
import { parseNtlmUsername } from './credentials.js';
import { ntHash } from './crypto/ntlmv2.js';
import { authFailed, invalidArgument, throwIfAborted } from './errors.js';
import { NtlmMessageError, ntlmMessageType } from './messages/byte-fields.js';
import { MessageType } from './messages/constants.js';
import { encodeNegotiateMessage } from './messages/negotiate-message.js';
import { createAuthenticateMessage, fileTimeNow } from './ntlm-handshake.js';

export interface NtlmAuthOptions {
  /** `DOMAIN\user`, `user@domain.example` (UPN) or a bare user name. */
  readonly username: string;
  readonly password: string;
  /** Domain for a bare user name (case is kept as given). */
  readonly domain?: string | undefined;
  /** Workstation name sent in the AUTHENTICATE message; defaults to this host's short name. */
  readonly workstation?: string | undefined;
  /**
   * `auto` (default): bind the handshake to the server's TLS certificate (RFC 5929
   * `tls-server-end-point`, Extended Protection); `off`: send an empty binding, for TLS-terminating
   * proxies whose certificate differs from the one the server expects.
   */
  readonly channelBinding?: 'auto' | 'off' | undefined;
}

/** The schemes that carry raw NTLMSSP tokens, in order of preference. */
const NTLM_SCHEMES = ['NTLM', 'Negotiate'] as const;
type NtlmScheme = (typeof NTLM_SCHEMES)[number];
const CHANNEL_BINDING_MODES: ReadonlySet<unknown> = new Set(['auto', 'off']);

/** Where one call's handshake stands (keyed by the call's AuthRequest, which core keeps per call). */
type CallState =
  | { readonly phase: 'reused' }
  | { readonly phase: 'negotiate'; readonly scheme: NtlmScheme }
  | { readonly phase: 'authenticate'; readonly challengedOn: number | undefined };

const NEGOTIATE_MESSAGE = encodeNegotiateMessage();
const NEGOTIATE_TOKEN = Buffer.from(NEGOTIATE_MESSAGE).toString('base64');

function defaultWorkstation(): string {
  const short = hostname().split('.')[0] ?? '';
  return short.toUpperCase().slice(0, 15);
}

function decodeToken(param: AuthChallengeParam): Uint8Array | undefined {
  if (!param.token) return undefined;
  return new Uint8Array(Buffer.from(param.token, 'base64'));
}

/** Finds the server's CHALLENGE (type 2) token, or a bare NTLM-capable scheme to restart with. */
function readChallenges(challenges: readonly AuthChallengeParam[]): {
  readonly token?: { readonly scheme: NtlmScheme; readonly bytes: Uint8Array };
  readonly bare?: NtlmScheme;
} {
  for (const scheme of NTLM_SCHEMES) {
    for (const param of challenges) {
      if (param.scheme.toLowerCase() !== scheme.toLowerCase()) continue;
      const bytes = decodeToken(param);
      if (bytes && ntlmMessageType(bytes) === MessageType.challenge) return { token: { scheme, bytes } };
    }
  }
  const bare = NTLM_SCHEMES.find((scheme) =>
    challenges.some((param) => param.scheme.toLowerCase() === scheme.toLowerCase() && !param.token),
  );
  return bare ? { bare } : {};
}

/**
 * NTLM (NTLMv2 with MIC and channel binding), connection-bound: one handshake per socket,
 * after which every request on that socket goes without an Authorization header.
 * Credentials live in #private fields: inspecting or serializing the strategy never shows them.
 */
class NtlmAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'NTLM';
  readonly binding = 'connection';
  readonly #user: string;
  readonly #domain: string;
  readonly #ntHash: Uint8Array;
  readonly #workstation: string;
  readonly #channelBinding: 'auto' | 'off';
  /** Sockets whose handshake completed. */
  readonly #authenticated = new Set<number>();
  /** Sockets that carried an AUTHENTICATE and await the server's verdict. */
  readonly #pending = new Set<number>();
  readonly #calls = new WeakMap<AuthRequest, CallState>();

  constructor(
    user: string,
    domain: string,
    password: string,
    workstation: string,
    channelBinding: 'auto' | 'off',
  ) {
    this.#user = user;
    this.#domain = domain;
    this.#ntHash = ntHash(password);
    this.#workstation = workstation;
    this.#channelBinding = channelBinding;
  }

  authorize(request: AuthRequest, context: AuthContext): AuthHeaders | undefined {
    throwIfAborted(context.signal);
    const id = context.connection?.id;
    if (id !== undefined && this.#authenticated.has(id)) {
      this.#calls.set(request, { phase: 'reused' });
      return undefined;
    }
    this.#calls.set(request, { phase: 'negotiate', scheme: 'NTLM' });
    return { authorization: `NTLM ${NEGOTIATE_TOKEN}` };
  }

  onChallenge(challenge: AuthChallenge, context: AuthContext): AuthHeaders | undefined {
    throwIfAborted(context.signal);
    const connection = context.connection;
    if (connection) this.#authenticated.delete(connection.id);
    const found = readChallenges(challenge.challenges);
    const state = this.#calls.get(challenge.request);
    if (found.token) {
      // A CHALLENGE answers a NEGOTIATE only; one after our AUTHENTICATE means it was refused.
      if (state?.phase === 'authenticate') return undefined;
      const message = this.#authenticate(found.token.bytes, challenge, connection);
      if (connection) this.#pending.add(connection.id);
      this.#calls.set(challenge.request, { phase: 'authenticate', challengedOn: connection?.id });
      return { authorization: `${found.token.scheme} ${Buffer.from(message).toString('base64')}` };
    }
    if (!found.bare) return undefined; // the server offers nothing NTLM can answer
    if (state?.phase === 'negotiate' && state.scheme === found.bare) return undefined; // NEGOTIATE refused
    if (state?.phase === 'authenticate') {
      // A bare challenge on the socket that sent the CHALLENGE means the credentials were refused;
      // on another socket (the server closed the first), the handshake must start again.
      const sameSocket =
        state.challengedOn === undefined || connection === undefined || state.challengedOn === connection.id;
      if (sameSocket) return undefined;
    }
    this.#calls.set(challenge.request, { phase: 'negotiate', scheme: found.bare });
    return { authorization: `${found.bare} ${NEGOTIATE_TOKEN}` };
  }

  onSuccess(_response: unknown, context: AuthContext): void {
    const id = context.connection?.id;
    if (id !== undefined && this.#pending.delete(id)) this.#authenticated.add(id);
  }

  onConnectionClosed(connection: ConnectionInfo): void {
    this.#authenticated.delete(connection.id);
    this.#pending.delete(connection.id);
  }

  trackedConnections(): number {
    // Disjoint: a socket moves from pending to authenticated, or back on a new challenge.
    return this.#authenticated.size + this.#pending.size;
  }

  dispose(): void {
    this.#authenticated.clear();
    this.#pending.clear();
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme, binding: this.binding };
  }

  #authenticate(
    challengeBytes: Uint8Array,
    challenge: AuthChallenge,
    connection: ConnectionInfo | undefined,
  ) {
    const certificate = this.#channelBinding === 'auto' ? connection?.peerCertificate : undefined;
    if (certificate === undefined && this.#channelBinding === 'auto' && isTls(challenge.request.url)) {
      // Sending no binding over TLS would fail against Extended Protection with a bare 401 and
      // leave the connection unprotected elsewhere: say so instead.
      throw authFailed(
        `Cannot bind NTLM to the TLS connection to ${challenge.request.url.host}: the transport did not ` +
          "report the server certificate of this connection. Use @ews/core's transport, or set " +
          "channelBinding: 'off' if the server does not require Extended Protection.",
        challenge.request.operation,
        offeredSchemes(challenge.response.headers),
      );
    }
    try {
      return createAuthenticateMessage({
        user: this.#user,
        domain: this.#domain,
        ntHash: this.#ntHash,
        workstation: this.#workstation,
        negotiateMessage: NEGOTIATE_MESSAGE,
        challengeMessage: challengeBytes,
        channelBindingData: certificate ? tlsServerEndPoint(certificate) : undefined,
        targetSpn: `HTTP/${challenge.request.url.hostname}`,
        clientChallenge: new Uint8Array(randomBytes(8)),
        randomSessionKey: new Uint8Array(randomBytes(16)),
        now: fileTimeNow(),
      });
    } catch (error) {
      if (!(error instanceof NtlmMessageError)) throw error;
      throw authFailed(
        `The server at ${challenge.request.url.host} sent an unusable NTLM challenge: ${error.message}`,
        challenge.request.operation,
        offeredSchemes(challenge.response.headers),
      );
    }
  }
}

function isTls(url: URL): boolean {
  return url.protocol === 'https:';
}

function requireString(value: unknown, name: string, allowEmpty: boolean): string {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw invalidArgument(`${name} must be a${allowEmpty ? '' : ' non-empty'} string`);
  }
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : requireString(value, name, true);
}

/**
 * Creates an NTLM strategy (NTLMv2, MIC, RFC 5929 channel binding) for `EwsClient`'s `auth`.
 * Throws EwsInvalidArgumentError for unusable options; never includes the password in errors.
 */
export function createNtlmAuth(options: NtlmAuthOptions): AuthStrategy {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('options must be an object');
  }
  const username = requireString(options.username, 'username', false);
  const password = requireString(options.password, 'password', true);
  const domain = optionalString(options.domain, 'domain');
  const workstation = optionalString(options.workstation, 'workstation') ?? defaultWorkstation();
  const channelBinding = options.channelBinding ?? 'auto';
  if (!CHANNEL_BINDING_MODES.has(channelBinding)) {
    throw invalidArgument("channelBinding must be 'auto' or 'off'");
  }
  const identity = parseNtlmUsername(username, domain);
  if (typeof identity === 'string') throw invalidArgument(identity);
  return new NtlmAuth(identity.user, identity.domain, password, workstation, channelBinding);
}
