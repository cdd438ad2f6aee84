import type { DirectoryMailbox } from '../directory/directory.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { XmlElement } from '../xml/xml-tree.js';
import type { XmlFragment } from '../xml/xml-writer.js';

/** Who is calling and as whom, for one request. */
export interface OperationContext {
  readonly state: ExchangeState;
  /** The authenticated account. */
  readonly caller: DirectoryMailbox;
  /** The account the request acts as: the impersonated one, or the caller. */
  readonly actor: DirectoryMailbox;
  readonly requestVersion: string;
  readonly now: Date;
  /**
   * The HTTP side of the exchange, for the operations whose behaviour lives there (GetUserPhoto's
   * ETag / If-None-Match). Absent when the request came some other way (tests, replays).
   */
  readonly http?: HttpExchange;
}

/** What an operation reads from the HTTP request and may set on the HTTP reply. */
export interface HttpExchange {
  /** The request's If-None-Match header. */
  readonly ifNoneMatch: string | undefined;
  /** Headers to send with the reply (e.g. ETag). */
  readonly replyHeaders: Record<string, string>;
  /** A status that replaces the envelope: 304 (not modified) or 404 (no photo), sent without a body. */
  replyStatus?: 304 | 404;
}

/** Turns the operation's body element into its response element (m:XResponse). */
export type OperationHandler = (ctx: OperationContext, request: XmlElement) => XmlFragment;

/** A per-message failure: becomes ResponseClass="Error" with this ResponseCode. */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  constructor(
    readonly responseCode: string,
    message: string,
  ) {
    super(message);
  }
}
