import type { CallOptions, EwsStreamResponse, XmlFragment } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';

/** An account that can also keep an answer open and read it as it arrives (GetStreamingEvents). */
export interface StreamingEventsContext extends AccountContext {
  sendStream(operation: string, body: XmlFragment, options?: CallOptions): Promise<EwsStreamResponse>;
}

export function canStream(account: AccountContext): account is StreamingEventsContext {
  return typeof (account as Partial<StreamingEventsContext>).sendStream === 'function';
}
