import type { CallOptions, EwsRequest, EwsResponse, EwsStreamResponse, XmlFragment } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { requestOptions } from './call-deadline.js';
import type { StreamedFragmentBody } from './xml.js';

/*
 * THE way a services call sends a request (test/call-options.test.ts keeps it so): the call's
 * `timeoutMs` is checked before anything goes out, and a call with one deadline for all its
 * requests hands each what is left of it (see call-deadline.ts).
 */

/** Sends one operation as `account` with the call's signal and deadline. */
export async function send(
  account: AccountContext,
  operation: string,
  body: XmlFragment,
  options: CallOptions = {},
): Promise<EwsResponse> {
  return account.send(operation, body, requestOptions(options, operation));
}

/** An account that can stream request and response bodies (an Account). */
export interface StreamingSender {
  sendStream(
    operation: string,
    body: XmlFragment | StreamedFragmentBody,
    options?: CallOptions,
  ): Promise<EwsStreamResponse>;
}

/** `send` with streamed bodies (large attachments, FindItem pages, GetStreamingEvents). */
export async function sendStream(
  account: StreamingSender,
  operation: string,
  body: XmlFragment | StreamedFragmentBody,
  options: CallOptions = {},
): Promise<EwsStreamResponse> {
  return account.sendStream(operation, body, requestOptions(options, operation));
}

/** An account that can send a request with conditional HTTP headers (an Account). */
export interface ConditionalSender extends AccountContext {
  send(
    operation: string,
    body: XmlFragment,
    options?: CallOptions,
    request?: Pick<EwsRequest, 'httpHeaders'>,
  ): Promise<EwsResponse>;
}

/** `send` with per-call conditional HTTP headers (GetUserPhoto's If-None-Match). */
export async function sendConditional(
  account: ConditionalSender,
  operation: string,
  body: XmlFragment,
  options: CallOptions,
  httpHeaders: EwsRequest['httpHeaders'],
): Promise<EwsResponse> {
  return account.send(operation, body, requestOptions(options, operation), { httpHeaders });
}
