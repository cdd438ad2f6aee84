import type { CallOptions, EwsResponse, XmlFragment } from '@ews/core';

export type { CallOptions } from '@ews/core';

import type { ExchangeVersion } from '@ews/models';

/** exchangelib's DELEGATE / IMPERSONATION: how the signed-in user reaches the account's mailbox. */
export type AccessType = 'delegate' | 'impersonation';

/** What folders, queries and views need from their Account: one way to send, and defaults. */
export interface AccountContext {
  /** The mailbox every folder this account acts on belongs to (see `mailboxFolderRef`). */
  readonly primarySmtpAddress: string;
  /** The RequestServerVersion new request bodies are written for. */
  readonly version: ExchangeVersion;
  /**
   * `impersonation`: every request carries ExchangeImpersonation, so Exchange acts as the mailbox
   * itself. `delegate` (also when absent): Exchange acts as the signed-in user, so whatever is
   * not placed in a folder of this mailbox lands in the signed-in user's own.
   */
  readonly accessType?: AccessType | undefined;
  /**
   * Sends one operation element, built with core's `el()`, as this account (impersonation and
   * anchor mailbox applied; a plain string is not taken, so nothing unescaped reaches the wire), honouring the
   * call's `signal` and `timeoutMs` (or what is left of a call's deadline, see `wholeCall`).
   */
  send(operation: string, body: XmlFragment, options?: CallOptions): Promise<EwsResponse>;
  /**
   * The Windows zone id the account works in (its defaultTimeZone, else the host's): new and changed
   * meetings that name no StartTimeZone/EndTimeZone are written in it. Absent: the host's zone.
   */
  windowsTimeZone?(): string;
}

/**
 * @deprecated The options every services call takes are core's `CallOptions` (`signal` and
 * `timeoutMs`); this old name is the same type.
 */
export type SignalOption = CallOptions;
