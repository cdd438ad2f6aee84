import type { EwsResponse } from '@ews/core';
import type { ExchangeVersion } from '@ews/models';

/** What folders, queries and views need from their Account: one way to send, and defaults. */
export interface AccountContext {
  readonly primarySmtpAddress: string;
  /** The RequestServerVersion new request bodies are written for. */
  readonly version: ExchangeVersion;
  /** Sends one operation as this account (impersonation and anchor mailbox applied). */
  send(operation: string, body: string, signal?: AbortSignal): Promise<EwsResponse>;
}

export interface SignalOption {
  readonly signal?: AbortSignal | undefined;
}
