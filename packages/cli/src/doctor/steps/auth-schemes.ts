import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { offeredSchemes } from '@ews/core';
import type { DoctorContext } from '../context.js';
import { fail, hostOf, pass, type StepOutcome, type StepRun, warn } from '../step-outcome.js';
import type { DoctorAuth } from '../types.js';

const PROBE_BODY =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">' +
  '<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header>' +
  '<soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:FolderIds></m:GetFolder></soap:Body>' +
  '</soap:Envelope>';

/** The schemes each of doctor's sign-ins answers, by the challenge names a server uses. */
const ANSWERS: Readonly<Record<DoctorAuth, readonly string[]>> = {
  ntlm: ['ntlm', 'negotiate'],
  basic: ['basic'],
};
const LABEL: Readonly<Record<DoctorAuth, string>> = { ntlm: 'NTLM', basic: 'Basic' };
const MAX_PROBE_BODY = 64 * 1024;

/** An unauthenticated POST to the EWS URL: what it answers tells whether this is EWS and how it signs in. */
export const authSchemesStep: StepRun = async (context, signal) => {
  const url = context.ewsUrl!;
  const answer = await probe(context, url, signal);
  const retryAfter = answer.headers['retry-after'];
  if (answer.status === 503 || answer.status === 429) {
    context.throttle.push({
      what: `HTTP ${answer.status}`,
      where: 'unauthenticated POST',
      waitMs: retryAfterMs(retryAfter),
    });
    return fail(
      `HTTP ${answer.status}${retryAfter === undefined ? '' : ` with Retry-After: ${retryAfter}`}: the server is busy or throttling`,
      'Wait and run doctor again; if it persists, the server or a load balancer in front of it is overloaded.',
      { stops: `the server answered HTTP ${answer.status}` },
    );
  }
  if (answer.status === 401) return chooseScheme(context, offeredSchemes(answer.headers));
  if (answer.status === 404) {
    return fail(
      `HTTP 404 at ${url.pathname}: not an EWS endpoint`,
      `EWS lives at ${url.protocol}//${url.host}/EWS/Exchange.asmx; check the path of --server.`,
      { stops: 'no EWS endpoint at the URL' },
    );
  }
  if (answer.status >= 300 && answer.status < 400) {
    return fail(
      `HTTP ${answer.status} redirect to ${String(answer.headers.location ?? '(no Location)').slice(0, 200)}: EWS does not redirect, a login page or proxy answered`,
      'Use the EWS URL itself (…/EWS/Exchange.asmx on the Exchange host), not a portal or a proxy sign-in page.',
      { stops: 'the URL redirects away from EWS' },
    );
  }
  const soap = /xml/i.test(String(answer.headers['content-type'] ?? ''));
  if (soap && (answer.status === 200 || answer.status === 500)) {
    return warn(
      `HTTP ${answer.status} without credentials: the endpoint lets anonymous requests through`,
      'EWS normally asks for credentials (HTTP 401); check the IIS authentication settings of the EWS virtual directory.',
    );
  }
  return fail(
    `HTTP ${answer.status} (${String(answer.headers['content-type'] ?? 'no content type')}): not what EWS answers`,
    'Check the URL: this does not look like an Exchange EWS endpoint (expected HTTP 401 with WWW-Authenticate).',
    { stops: 'the URL does not answer as EWS' },
  );
};

function chooseScheme(context: DoctorContext, offered: readonly string[]): StepOutcome {
  context.offered = offered;
  const has = (auth: DoctorAuth) => offered.some((s) => ANSWERS[auth].includes(s.toLowerCase()));
  const list = offered.length === 0 ? 'no scheme' : offered.join(', ');
  const wanted = context.options.auth;
  if (wanted !== undefined) {
    if (!has(wanted)) {
      const instead = (['ntlm', 'basic'] as const).filter(has);
      return fail(
        `server offers ${list}; ${LABEL[wanted]} not offered`,
        instead.length > 0
          ? `Sign in with what the server offers: --auth ${instead[0]}.`
          : 'The server offers no scheme doctor can sign in with (Basic or NTLM); for Negotiate-only servers use @ews/auth-kerberos.',
        { stops: `${LABEL[wanted]} is not offered by the server` },
      );
    }
    context.auth = wanted;
    return pass(`server offers ${list}; signing in with ${LABEL[wanted]}`);
  }
  const chosen = (['ntlm', 'basic'] as const).find(has);
  if (chosen === undefined) {
    return fail(
      `server offers ${list}: neither NTLM nor Basic`,
      offered.some((s) => /^bearer$/i.test(s))
        ? 'This server wants OAuth2 (Bearer) tokens, as Exchange Online does: use @ews/auth-oauth2 in code.'
        : 'For a Negotiate (Kerberos) only server use @ews/auth-kerberos in code.',
      { stops: 'no scheme doctor can sign in with' },
    );
  }
  context.auth = chosen;
  return pass(`server offers ${list}; signing in with ${LABEL[chosen]}`);
}

interface ProbeAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

function probe(context: DoctorContext, url: URL, signal: AbortSignal): Promise<ProbeAnswer> {
  const https = url.protocol === 'https:';
  const host = hostOf(url);
  return new Promise<ProbeAnswer>((resolve, reject) => {
    const options = {
      method: 'POST',
      signal,
      agent: false as const,
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        'content-length': Buffer.byteLength(PROBE_BODY),
        connection: 'close',
      },
      ...(https && context.ca !== undefined ? { ca: [...context.ca] } : {}),
      ...(https && isIP(host) === 0 ? { servername: host } : {}),
    };
    const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_PROBE_BODY) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(PROBE_BODY);
  });
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
