import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type Directory, type DirectoryMailbox, findMailbox } from '../../directory/directory.js';
import { authenticateBasic } from '../basic-auth.js';
import { type BearerIdentity, type BearerRefusal, bearerChallenge } from '../bearer-auth.js';
import { expectedChannelBindings } from './channel-binding.js';
import { mailboxForNtlmUser, type NtlmNames, ntlmNames } from './ntlm-identity.js';
import {
  type AuthenticateMessage,
  AV_ID,
  buildChallenge,
  encodeAvPairs,
  ntlmMessageType,
  parseAuthenticate,
} from './ntlm-messages.js';
import { type NtlmChannelBindingMode, sentChannelBindings, verifyNtlmV2 } from './ntlmv2-verifier.js';

export type AuthScheme = 'basic' | 'ntlm' | 'bearer';

/** How the gate checks Bearer tokens: the mailbox, or why the token is refused. */
export interface BearerGateOptions {
  readonly verify: (token: string, signal: AbortSignal) => Promise<BearerIdentity | BearerRefusal>;
  readonly authorizationUri: string | undefined;
}

export interface NtlmServerOptions {
  /**
   * Extended Protection over https: 'required' (default, as Exchange 2019 CU14 and later) refuses
   * a missing or wrong binding, 'accepted' refuses only a wrong one, 'off' ignores it.
   */
  readonly channelBinding?: NtlmChannelBindingMode;
  /** Seeds the server challenges (deterministic runs). Default: random per server. */
  readonly challengeSeed?: string;
  /** Called with why an AUTHENTICATE was refused, e.g. 'wrong channel binding' (never with secrets). */
  readonly onRefused?: (reason: string) => void;
  /** Called for every accepted AUTHENTICATE: who signed in and how the connection was bound. */
  readonly onSignedIn?: (signIn: NtlmSignIn) => void;
}

/** An accepted NTLM handshake, as `onSignedIn` reports it (no secrets). */
export interface NtlmSignIn {
  /** The mailbox signed in. */
  readonly mailbox: string;
  /** Over https: whether the connection resumed an earlier TLS session. Undefined over http. */
  readonly tlsSessionReused: boolean | undefined;
  /** Over https: whether the AUTHENTICATE carried this connection's channel binding. Undefined over http. */
  readonly channelBound: boolean | undefined;
}

/** The default Extended Protection mode. */
export const DEFAULT_NTLM_CHANNEL_BINDING: NtlmChannelBindingMode = 'required';

export interface AuthGateOptions {
  readonly directory: Directory;
  readonly schemes: readonly AuthScheme[];
  readonly ntlm: NtlmServerOptions;
  readonly bearer: BearerGateOptions;
  /** Basic realm. */
  readonly realm: string;
  readonly now: () => Date;
}

interface PendingHandshake {
  readonly scheme: string;
  readonly negotiate: Buffer;
  readonly challenge: Buffer;
  readonly serverChallenge: Buffer;
}

/** NTLM authenticates the TCP connection: state lives per socket, not per request. */
interface ConnectionAuth {
  pending?: PendingHandshake | undefined;
  mailbox?: DirectoryMailbox | undefined;
}

// Offered as IIS offers them: Negotiate, then NTLM (raw NTLMSSP is accepted under both).
const NTLM_OFFERS = ['Negotiate', 'NTLM'];
const TOKEN = /^(NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i;
// RFC 6750 b64token.
const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

function filetime(date: Date): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10_000n);
  return out;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.complete) return resolve();
    req
      .once('end', resolve)
      .once('error', () => resolve())
      .once('close', resolve);
    req.resume();
  });
}

function serverCertificate(socket: Socket): Buffer | undefined {
  const tls = socket as Partial<TLSSocket>;
  if (tls.encrypted !== true || typeof tls.getCertificate !== 'function') return undefined;
  const certificate = tls.getCertificate();
  return certificate !== null && 'raw' in certificate ? certificate.raw : undefined;
}

/** Decides who a request is (Basic per request, NTLM per connection) or answers it with a 401. */
export class HttpAuthGate {
  readonly #options: AuthGateOptions;
  readonly #names: NtlmNames;
  readonly #connections = new WeakMap<Socket, ConnectionAuth>();
  readonly #seed: string;
  #challenges = 0;

  constructor(options: AuthGateOptions) {
    this.#options = options;
    this.#names = ntlmNames(options.directory);
    this.#seed = options.ntlm.challengeSeed ?? randomBytes(16).toString('hex');
  }

  /** WWW-Authenticate values in the configured order; `refusal` marks the Bearer one invalid_token. */
  offers(refusal?: BearerRefusal): string[] {
    return this.#options.schemes.flatMap((s) =>
      s === 'ntlm'
        ? NTLM_OFFERS
        : s === 'bearer'
          ? [bearerChallenge(this.#options.bearer.authorizationUri, refusal)]
          : [`Basic realm="${this.#options.realm}"`],
    );
  }

  /** The caller, or undefined once a 401 has been sent. `signal` ends a pending token check. */
  async authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<DirectoryMailbox | undefined> {
    const header = req.headers.authorization ?? '';
    const connection = this.#connection(req.socket);
    const bearer = BEARER.exec(header);
    if (bearer?.[1] !== undefined && this.#options.schemes.includes('bearer')) {
      const verdict = await this.#options.bearer.verify(bearer[1], signal);
      const mailbox =
        typeof verdict === 'string' ? undefined : findMailbox(this.#options.directory, verdict.mailbox);
      if (mailbox !== undefined) return mailbox;
      await this.#refuse(req, res, this.offers(typeof verdict === 'string' ? verdict : 'invalid'));
      return undefined;
    }
    const token = TOKEN.exec(header);
    if (token?.[1] !== undefined && token[2] !== undefined && this.#options.schemes.includes('ntlm')) {
      return this.#ntlmLeg(req, res, connection, token[1], Buffer.from(token[2], 'base64'));
    }
    if (header !== '' && this.#options.schemes.includes('basic')) {
      const caller = authenticateBasic(this.#options.directory, header);
      if (caller !== undefined) return caller;
    }
    if (header === '' && connection.mailbox !== undefined) return connection.mailbox;
    await this.#refuse(req, res, this.offers());
    return undefined;
  }

  #connection(socket: Socket): ConnectionAuth {
    let state = this.#connections.get(socket);
    if (state === undefined) {
      state = {};
      this.#connections.set(socket, state);
    }
    return state;
  }

  async #refuse(req: IncomingMessage, res: ServerResponse, offers: readonly string[]): Promise<void> {
    await drain(req);
    // Exchange Online, when only OAuth is allowed, also says so in this header (exchangelib and
    // @ews/core detect the scheme from it).
    const bearerOnly = this.#options.schemes.length === 1 && this.#options.schemes[0] === 'bearer';
    res.writeHead(401, {
      'Content-Length': '0',
      'WWW-Authenticate': [...offers],
      ...(bearerOnly ? { 'ms-diagnostics-public': 'Modern Auth required' } : {}),
    });
    res.end();
  }

  async #ntlmLeg(
    req: IncomingMessage,
    res: ServerResponse,
    connection: ConnectionAuth,
    scheme: string,
    token: Buffer,
  ): Promise<DirectoryMailbox | undefined> {
    const type = ntlmMessageType(token);
    if (type === 1 && token.length >= 16) {
      connection.mailbox = undefined;
      const pending = this.#challenge(scheme, token);
      connection.pending = pending;
      await this.#refuse(req, res, [`${pending.scheme} ${pending.challenge.toString('base64')}`]);
      return undefined;
    }
    const pending = connection.pending;
    connection.pending = undefined;
    if (type === 3 && pending !== undefined) {
      const { mailbox, refusal, channelBound } = this.#verify(pending, token, req.socket);
      if (mailbox !== undefined) {
        connection.mailbox = mailbox;
        const tls = req.socket as Partial<TLSSocket>;
        this.#options.ntlm.onSignedIn?.({
          mailbox: mailbox.address,
          tlsSessionReused: tls.encrypted === true ? tls.isSessionReused?.() : undefined,
          channelBound,
        });
        return mailbox;
      }
      this.#options.ntlm.onRefused?.(refusal);
    }
    await this.#refuse(req, res, this.offers());
    return undefined;
  }

  #challenge(scheme: string, negotiate: Buffer): PendingHandshake {
    const names = this.#names;
    const serverChallenge = createHash('sha256')
      .update(`${this.#seed}:${this.#challenges++}`)
      .digest()
      .subarray(0, 8);
    const text = (value: string) => Buffer.from(value, 'utf16le');
    const targetInfo = encodeAvPairs([
      [AV_ID.nbDomainName, text(names.netbiosDomain)],
      [AV_ID.nbComputerName, text(names.netbiosComputer)],
      [AV_ID.dnsDomainName, text(names.dnsDomain)],
      [AV_ID.dnsComputerName, text(names.dnsComputer)],
      [AV_ID.dnsTreeName, text(names.dnsDomain)],
      [AV_ID.timestamp, filetime(this.#options.now())],
    ]);
    const challenge = buildChallenge({
      negotiateFlags: negotiate.readUInt32LE(12),
      serverChallenge,
      targetName: names.netbiosDomain,
      targetInfo,
    });
    // Answer under the scheme the client used (raw NTLMSSP inside Negotiate stays Negotiate).
    const offered = NTLM_OFFERS.find((o) => o.toLowerCase() === scheme.toLowerCase()) ?? 'NTLM';
    return { scheme: offered, negotiate, challenge, serverChallenge };
  }

  #verify(
    pending: PendingHandshake,
    token: Buffer,
    socket: Socket,
  ): { mailbox: DirectoryMailbox | undefined; refusal: string; channelBound?: boolean | undefined } {
    let authenticate: AuthenticateMessage;
    try {
      authenticate = parseAuthenticate(token);
    } catch {
      return { mailbox: undefined, refusal: 'malformed AUTHENTICATE' };
    }
    const { directory } = this.#options;
    const mailbox = mailboxForNtlmUser(directory, this.#names, authenticate.user, authenticate.domain);
    if (mailbox === undefined) return { mailbox: undefined, refusal: 'unknown user' };
    const certificate = serverCertificate(socket);
    const expectedBindings = certificate === undefined ? undefined : expectedChannelBindings(certificate);
    const refusal = verifyNtlmV2({
      ...pending,
      authenticate,
      password: mailbox.password,
      channelBinding: this.#options.ntlm.channelBinding ?? DEFAULT_NTLM_CHANNEL_BINDING,
      expectedBindings,
    });
    if (refusal !== undefined) return { mailbox: undefined, refusal };
    const sent = sentChannelBindings(authenticate);
    const channelBound = expectedBindings === undefined ? undefined : sent?.equals(expectedBindings) === true;
    return { mailbox, refusal: '', channelBound };
  }
}
