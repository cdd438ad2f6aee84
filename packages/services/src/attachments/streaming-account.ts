import type { CallOptions, EwsStreamResponse, XmlFragment } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import type { StreamedFragmentBody } from '../internal/xml.js';

/** An account that can also stream request and response bodies (large attachments). */
export interface StreamingAccountContext extends AccountContext {
  /** `EwsClient.sendStream` as this account (impersonation and anchor mailbox applied). */
  sendStream(
    operation: string,
    body: XmlFragment | StreamedFragmentBody,
    options?: CallOptions,
  ): Promise<EwsStreamResponse>;
}
