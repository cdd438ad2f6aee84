import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type Answer, escapeHtml, failure, json, oidOf } from './identity-http.js';
import { signJwt, verifyJwt } from './jwt.js';

/** A registered application: confidential (secret and/or certificate) or public. */
export interface TestClient {
  readonly secret?: string;
  /** PEM certificate whose key signs client assertions. */
  readonly certificate?: string;
}

export interface IdentityServerOptions {
  readonly cert: string;
  readonly key: string;
  readonly tenantId: string;
  readonly clients: Readonly<Record<string, TestClient>>;
  /** username → password. */
  readonly users: Readonly<Record<string, string>>;
  /** Sign tokens with this key (e.g. the authlab's) instead of a fresh one. */
  readonly signingKey?: { readonly privateKey: string; readonly kid: string } | undefined;
}

/** One token endpoint call, as the server saw it. */
export interface TokenRequestRecord {
  readonly grantType: string;
  readonly clientId: string;
  readonly scope: string;
  readonly status: number;
  readonly clientAuth: 'secret' | 'assertion' | 'none';
}

export const EXCHANGE_AUDIENCE = 'https://outlook.office365.com';

type Form = URLSearchParams;
interface Grant {
  readonly clientId: string;
  readonly user: string;
}

/**
 * A loopback Entra ID stand-in on HTTPS: OpenID metadata, authorize (auto sign-in as
 * `interactiveUser`), device code, and a token endpoint for client_credentials (secret or
 * RS256/PS256 client assertion), authorization_code (PKCE), refresh_token, password and
 * device_code. Access tokens are RS256 JWTs signed with `signingKey`.
 */
export class IdentityServer {
  readonly tokenRequests: TokenRequestRecord[] = [];
  readonly publicKey: KeyObject;
  /** Seconds an access token lives. */
  lifetimeSeconds = 3600;
  /** Delay before the token endpoint answers, so concurrent callers overlap. */
  tokenDelayMs = 0;
  /** Polls answered `authorization_pending` before a device code is accepted. */
  devicePendingPolls = 0;
  /** Who "signs in" at the authorize endpoint. */
  interactiveUser = '';
  readonly #options: IdentityServerOptions;
  readonly #privateKey: KeyObject;
  readonly #kid: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #codes = new Map<string, Grant & { challenge?: string; redirectUri: string; nonce?: string }>();
  readonly #refreshTokens = new Map<string, Grant>();
  readonly #deviceCodes = new Map<string, Grant & { polls: number }>();
  #base = '';

  private constructor(options: IdentityServerOptions) {
    this.#options = options;
    if (options.signingKey) {
      this.#privateKey = createPrivateKey(options.signingKey.privateKey);
      this.publicKey = createPublicKey(this.#privateKey);
      this.#kid = options.signingKey.kid;
    } else {
      const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.#privateKey = pair.privateKey;
      this.publicKey = pair.publicKey;
      this.#kid = randomUUID();
    }
    this.#server = createServer({ cert: options.cert, key: options.key }, (req, res) =>
      this.#route(req, res),
    );
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: IdentityServerOptions): Promise<IdentityServer> {
    const server = new IdentityServer(options);
    server.#server.listen(0, '127.0.0.1');
    await once(server.#server, 'listening');
    const { port } = server.#server.address() as AddressInfo;
    server.#base = `https://127.0.0.1:${port}`;
    return server;
  }

  /** `https://127.0.0.1:<port>`: the authority host. */
  get authorityHost(): string {
    return this.#base;
  }

  /** `127.0.0.1:<port>`: what goes in knownAuthorities. */
  get host(): string {
    return new URL(this.#base).host;
  }

  get tokenEndpoint(): string {
    return `${this.#base}/${this.#options.tenantId}/oauth2/v2.0/token`;
  }

  count(grantType: string, status = 200): number {
    return this.tokenRequests.filter((r) => r.grantType === grantType && r.status === status).length;
  }

  /** Forgets every refresh token (as if an admin revoked the user's sessions). */
  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.#base);
      const prefix = `/${this.#options.tenantId}`;
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (req.method === 'GET' && path === '/v2.0/.well-known/openid-configuration')
        return json(res, 200, this.#metadata());
      if (req.method === 'GET' && path === '/oauth2/v2.0/authorize')
        return this.#authorize(url.searchParams, res);
      if (req.method === 'POST' && path === '/oauth2/v2.0/devicecode')
        return json(res, 200, this.#deviceCode(form));
      if (req.method === 'POST' && path === '/oauth2/v2.0/token') {
        const answer = this.#token(form);
        setTimeout(() => json(res, answer.status, answer.body), this.tokenDelayMs);
        return;
      }
      json(res, 404, { error: 'not_found' });
    });
  }

  #metadata(): Record<string, unknown> {
    const tenantBase = `${this.#base}/${this.#options.tenantId}`;
    return {
      issuer: `${tenantBase}/v2.0`,
      authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
      token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${tenantBase}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
      jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    };
  }

  #authorize(query: URLSearchParams, res: ServerResponse): void {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    if (
      !(clientId in this.#options.clients) ||
      !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(redirectUri)
    ) {
      json(res, 400, { error: 'invalid_request' });
      return;
    }
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, {
      clientId,
      user: this.interactiveUser,
      redirectUri,
      ...(query.get('code_challenge') ? { challenge: query.get('code_challenge') ?? '' } : {}),
      ...(query.get('nonce') ? { nonce: query.get('nonce') ?? '' } : {}),
    });
    const fields = { code, state: query.get('state') ?? '' };
    if (query.get('response_mode') === 'form_post') {
      // What Entra ID does for form_post: an auto-submitting form aimed at the redirect URI.
      const inputs = Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}"/>`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><body onload="document.forms[0].submit()"><form method="POST" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
      );
      return;
    }
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries(fields)) target.searchParams.set(name, value);
    res.writeHead(302, { location: target.toString() }).end();
  }

  #deviceCode(form: Form): Record<string, unknown> {
    const deviceCode = randomBytes(24).toString('base64url');
    const userCode = randomBytes(4).toString('hex').toUpperCase();
    this.#deviceCodes.set(deviceCode, {
      clientId: form.get('client_id') ?? '',
      user: this.interactiveUser,
      polls: 0,
    });
    return {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: `${this.#base}/devicelogin`,
      expires_in: 900,
      interval: 1,
      message: `To sign in, open ${this.#base}/devicelogin and enter the code ${userCode}.`,
    };
  }

  /**
   * Codes, refresh tokens and device codes may only be redeemed by the client they were
   * issued to. Unknown clients or bad client credentials get `invalid_client`.
   */
  #token(form: Form): Answer {
    const grantType = form.get('grant_type') ?? '';
    const clientId = form.get('client_id') ?? '';
    const clientAuth = form.has('client_assertion')
      ? 'assertion'
      : form.has('client_secret')
        ? 'secret'
        : 'none';
    const answer = this.#grant(grantType, clientId, form);
    this.tokenRequests.push({
      grantType,
      clientId,
      scope: form.get('scope') ?? '',
      status: answer.status,
      clientAuth,
    });
    return answer;
  }

  #grant(grantType: string, clientId: string, form: Form): Answer {
    const client = this.#options.clients[clientId];
    if (client === undefined || !this.#clientAuthenticated(client, clientId, form)) {
      return failure(401, 'invalid_client', 'AADSTS7000215: Invalid client secret or assertion provided.');
    }
    switch (grantType) {
      case 'client_credentials':
        return this.#tokens(clientId, undefined, form);
      case 'password': {
        const user = form.get('username') ?? '';
        if (this.#options.users[user] === undefined || this.#options.users[user] !== form.get('password')) {
          return failure(
            400,
            'invalid_grant',
            'AADSTS50126: Error validating credentials due to invalid username or password.',
          );
        }
        return this.#tokens(clientId, user, form);
      }
      case 'authorization_code': {
        const code = this.#codes.get(form.get('code') ?? '');
        this.#codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier');
        const pkceOk =
          code?.challenge === undefined ||
          (verifier !== null && createHash('sha256').update(verifier).digest('base64url') === code.challenge);
        if (!code || code.clientId !== clientId || code.redirectUri !== form.get('redirect_uri') || !pkceOk) {
          return failure(
            400,
            'invalid_grant',
            'AADSTS70008: The provided authorization code is invalid or expired.',
          );
        }
        return this.#tokens(clientId, code.user, form, code.nonce);
      }
      case 'refresh_token': {
        const grant = this.#refreshTokens.get(form.get('refresh_token') ?? '');
        if (!grant || grant.clientId !== clientId) {
          return failure(400, 'invalid_grant', 'AADSTS700082: The refresh token has expired or was revoked.');
        }
        return this.#tokens(clientId, grant.user, form);
      }
      case 'device_code':
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        const device = this.#deviceCodes.get(form.get('device_code') ?? '');
        if (!device || device.clientId !== clientId)
          return failure(400, 'expired_token', 'AADSTS70019: expired');
        device.polls += 1;
        if (device.polls <= this.devicePendingPolls) {
          return failure(
            400,
            'authorization_pending',
            'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.',
          );
        }
        this.#deviceCodes.delete(form.get('device_code') ?? '');
        return this.#tokens(clientId, device.user, form);
      }
      default:
        return failure(400, 'unsupported_grant_type', `AADSTS70003: ${grantType} is not supported`);
    }
  }

  #clientAuthenticated(client: TestClient, clientId: string, form: Form): boolean {
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) return client.secret !== undefined && secret === client.secret;
    if (assertion !== null) {
      if (client.certificate === undefined) return false;
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return false;
      const decoded = verifyJwt(assertion, client.certificate);
      return (
        decoded !== undefined &&
        decoded.claims.aud === this.tokenEndpoint &&
        decoded.claims.iss === clientId &&
        decoded.claims.sub === clientId
      );
    }
    // Public clients send no client credential.
    return client.secret === undefined && client.certificate === undefined;
  }

  #tokens(clientId: string, user: string | undefined, form: Form, nonce?: string): Answer {
    const now = Math.floor(Date.now() / 1000);
    const tenant = this.#options.tenantId;
    const access = signJwt(
      {
        aud: EXCHANGE_AUDIENCE,
        iss: `https://sts.windows.net/${tenant}/`,
        tid: tenant,
        appid: clientId,
        iat: now,
        nbf: now,
        exp: now + this.lifetimeSeconds,
        jti: randomUUID(),
        ...(user === undefined
          ? { roles: ['full_access_as_app'] }
          : { scp: 'EWS.AccessAsUser.All', upn: user, oid: oidOf(user) }),
      },
      this.#privateKey,
      this.#kid,
    );
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      ext_expires_in: this.lifetimeSeconds,
      access_token: access,
      scope: user === undefined ? `${EXCHANGE_AUDIENCE}/.default` : (form.get('scope') ?? ''),
    };
    if (user !== undefined) {
      const refresh = randomBytes(32).toString('base64url');
      this.#refreshTokens.set(refresh, { clientId, user });
      body.refresh_token = refresh;
      body.client_info = Buffer.from(JSON.stringify({ uid: oidOf(user), utid: tenant })).toString(
        'base64url',
      );
      body.id_token = signJwt(
        {
          aud: clientId,
          iss: `${this.#base}/${tenant}/v2.0`,
          tid: tenant,
          oid: oidOf(user),
          sub: oidOf(user),
          preferred_username: user,
          name: user,
          iat: now,
          nbf: now,
          exp: now + 3600,
          ...(nonce === undefined ? {} : { nonce }),
        },
        this.#privateKey,
        this.#kid,
      );
    }
    return { status: 200, body };
  }
}
