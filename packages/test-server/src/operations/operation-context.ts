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
