import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { AuthServerHandler, AuthServerVerdict } from '@ews/core/testing';
import { EXCHANGE_AUDIENCE } from './identity-server.js';
import { verifyJwt } from './jwt.js';

/** Who a valid Exchange token speaks for: the user (`upn`) or the app (`app:<appid>`). */
export function verifyExchangeToken(
  authorization: string | undefined,
  publicKey: KeyObject,
  revoked: ReadonlySet<string> = new Set(),
): string | undefined {
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (token === undefined || revoked.has(token)) return undefined;
  const decoded = verifyJwt(token, publicKey);
  if (decoded === undefined || decoded.claims.aud !== EXCHANGE_AUDIENCE) return undefined;
  const { upn, appid } = decoded.claims;
  return typeof upn === 'string' ? upn : typeof appid === 'string' ? `app:${appid}` : undefined;
}

/** The server side of the conformance suite: Bearer with real JWT checks. */
export function jwtBearerHandler(publicKey: KeyObject): AuthServerHandler {
  return {
    scheme: 'Bearer',
    challenges: () => [
      'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
    ],
    verify({ authorization }): AuthServerVerdict {
      const user = verifyExchangeToken(authorization, publicKey);
      return user === undefined ? { ok: false } : { ok: true, user };
    },
  };
}

export interface EwsExchange {
  readonly token: string | undefined;
  readonly anchorMailbox: string | undefined;
  readonly user: string | undefined;
  readonly status: number;
  /** The SmtpAddress/PrimarySmtpAddress inside ExchangeImpersonation, if any. */
  readonly impersonated: string | undefined;
}

/**
 * A loopback EWS endpoint on HTTPS that accepts only unexpired RS256 JWTs for
 * `https://outlook.office365.com` signed by the identity server, and answers GetFolder.
 */
export class EwsStandIn {
  readonly exchanges: EwsExchange[] = [];
  /** Tokens to refuse from now on (as Exchange does after a revocation). */
  readonly revoked = new Set<string>();
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #url = '';

  private constructor(tls: { cert: string; key: string }, publicKey: KeyObject) {
    this.#server = createServer(tls, (req, res) => this.#answer(req, res, publicKey));
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(tls: { cert: string; key: string }, publicKey: KeyObject): Promise<EwsStandIn> {
    const stand = new EwsStandIn(tls, publicKey);
    stand.#server.listen(0, '127.0.0.1');
    await once(stand.#server, 'listening');
    stand.#url = `https://127.0.0.1:${(stand.#server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
    return stand;
  }

  get url(): string {
    return this.#url;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #answer(req: IncomingMessage, res: ServerResponse, publicKey: KeyObject): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const authorization = req.headers.authorization;
      const user = verifyExchangeToken(authorization, publicKey, this.revoked);
      const anchor = req.headers['x-anchormailbox'];
      const impersonated = /<t:ExchangeImpersonation>[\s\S]*?<t:(?:Primary)?SmtpAddress>([^<]+)</.exec(
        body,
      )?.[1];
      this.exchanges.push({
        token: authorization?.replace(/^Bearer /i, ''),
        anchorMailbox: typeof anchor === 'string' ? anchor : undefined,
        user,
        status: user === undefined ? 401 : 200,
        impersonated,
      });
      if (user === undefined) {
        res.writeHead(401, {
          'www-authenticate':
            'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", error="invalid_token"',
          'content-type': 'text/plain',
        });
        res.end('401 Unauthorized');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
        .end(getFolderResponse(impersonated ?? user));
    });
  }
}

function getFolderResponse(owner: string): string {
  const safe = owner.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="8722" MinorBuildNumber="18" ' +
    'Version="V2018_01_08" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>' +
    '<s:Body><m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
    'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
    '<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
    '<m:Folders><t:Folder><t:FolderId Id="AAMkADAw" ChangeKey="AQAAAA=="/>' +
    `<t:DisplayName>Inbox of ${safe}</t:DisplayName></t:Folder></m:Folders>` +
    '</m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>'
  );
}
