import { createNtlmAuth } from '@ews/auth-ntlm';
import {
  type AuthStrategy,
  createBasicAuth,
  EwsClient,
  EwsError,
  type EwsResponse,
  type Impersonation,
  responseCodeOf,
} from '@ews/core';
import type { DoctorContext } from './context.js';
import { describeError } from './step-outcome.js';

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** Response codes by which Exchange says "not now" (throttling). */
const THROTTLE_CODES = new Set([
  'ErrorServerBusy',
  'ErrorExceededConnectionCount',
  'ErrorTooManyObjectsOpened',
  'ErrorExceededSubscriptionCount',
  'ErrorExceededFindCountLimit',
]);

/** How one EWS call came out: an answer whose first message succeeded, or why not. */
export type CallResult =
  | { readonly ok: true; readonly response: EwsResponse }
  | {
      readonly ok: false;
      /** The EWS response code (from a fault or the first message), when there is one. */
      readonly responseCode: string | undefined;
      /** The core error code (`EWS_AUTH`, `EWS_TRANSPORT`, …), when the call threw. */
      readonly errorCode: string | undefined;
      readonly throttled: boolean;
      /** The HTTP status of a failed answer that was not EWS (404, 500 without SOAP…). */
      readonly httpStatus: number | undefined;
      readonly message: string;
      readonly serverVersion: EwsResponse['serverVersion'];
    };

export interface CallSettings {
  readonly channelBinding?: 'auto' | 'off' | undefined;
  readonly impersonation?: Impersonation | undefined;
}

/** A client signed in as the context's user with its scheme; closed when the run ends. */
export function clientFor(context: DoctorContext, settings: CallSettings = {}): EwsClient {
  const client = new EwsClient({
    url: context.ewsUrl!,
    auth: strategyFor(context, settings.channelBinding ?? context.options.channelBinding ?? 'auto'),
    ...(context.ca === undefined ? {} : { tls: { ca: [...context.ca] } }),
    ...(settings.impersonation === undefined ? {} : { impersonation: settings.impersonation }),
  });
  context.clients.push(client);
  return client;
}

function strategyFor(context: DoctorContext, channelBinding: 'auto' | 'off'): AuthStrategy {
  const username = context.user;
  const password = context.options.password ?? '';
  return context.auth === 'ntlm'
    ? createNtlmAuth({ username, password, channelBinding })
    : createBasicAuth({ username, password });
}

/** Sends one call; throttling signals are written down in the context wherever they appear. */
export async function call(
  context: DoctorContext,
  client: EwsClient,
  operation: string,
  body: string,
  signal: AbortSignal,
): Promise<CallResult> {
  try {
    const response = await client.send({ operation, body }, { signal });
    const first = response.messages[0];
    if (first === undefined || first.responseClass !== 'Error') return { ok: true, response };
    const code = String(first.responseCode);
    const throttled = THROTTLE_CODES.has(code);
    if (throttled) {
      const raw = first.messageXml?.BackOffMilliseconds;
      context.throttle.push({
        what: code,
        where: operation,
        waitMs: raw === undefined ? undefined : Number(raw),
      });
    }
    return {
      ok: false,
      responseCode: code,
      errorCode: undefined,
      throttled,
      httpStatus: undefined,
      message: `${code}${first.messageText ? `: ${first.messageText.slice(0, 200)}` : ''}`,
      serverVersion: response.serverVersion,
    };
  } catch (error) {
    if (signal.aborted) throw error;
    const responseCode = responseCodeOf(error);
    const errorCode = EwsError.isInstance(error) ? error.code : undefined;
    const throttled =
      errorCode === 'EWS_THROTTLED' || (responseCode !== undefined && THROTTLE_CODES.has(responseCode));
    if (throttled) {
      const reason =
        error instanceof Error && 'reason' in error && typeof error.reason === 'string'
          ? error.reason
          : responseCode;
      const waitMs =
        error instanceof Error && 'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
          ? error.retryAfterMs
          : undefined;
      context.throttle.push({ what: reason ?? 'throttled', where: operation, waitMs });
    }
    return {
      ok: false,
      responseCode:
        responseCode ??
        (throttled && error instanceof Error && 'reason' in error ? String(error.reason) : undefined),
      errorCode,
      throttled,
      httpStatus:
        error instanceof Error && 'status' in error && typeof error.status === 'number'
          ? error.status
          : undefined,
      message: describeError(error),
      serverVersion: undefined,
    };
  }
}

/** The cheapest call every signed-in account may make, mailbox or not. */
export const SIGN_IN_PROBE = {
  operation: 'GetServerTimeZones',
  body: `<m:GetServerTimeZones ${M} ${T} ReturnFullTimeZoneData="false"><m:Ids><t:Id>UTC</t:Id></m:Ids></m:GetServerTimeZones>`,
} as const;

export function getCalendarFolder(mailbox: string | undefined): string {
  const owner =
    mailbox === undefined
      ? ''
      : `<t:Mailbox><t:EmailAddress>${escapeXml(mailbox)}</t:EmailAddress></t:Mailbox>`;
  return (
    `<m:GetFolder ${M} ${T}><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>` +
    `<m:FolderIds><t:DistinguishedFolderId Id="calendar">${owner}</t:DistinguishedFolderId></m:FolderIds></m:GetFolder>`
  );
}

export const GET_ROOM_LISTS = `<m:GetRoomLists ${M} ${T}/>`;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
