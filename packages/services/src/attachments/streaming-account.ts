import type { CallOptions, EwsStreamResponse, StreamedOperationBody } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';

/** An account that can also stream request and response bodies (large attachments). */
export interface StreamingAccountContext extends AccountContext {
  /** `EwsClient.sendStream` as this account (impersonation and anchor mailbox applied). */
  sendStream(
    operation: string,
    body: string | StreamedOperationBody,
    options?: CallOptions,
  ): Promise<EwsStreamResponse>;
}
