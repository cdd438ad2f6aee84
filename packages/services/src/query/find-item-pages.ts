import {
  type CallOptions,
  DEFAULT_READER_LIMITS,
  EWS_ANSWER_CONTENT,
  EwsProtocolError,
  type EwsResponse,
  eachChild,
  type ReaderLimits,
  streamElementChildren,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import type { StreamingAccountContext } from '../attachments/streaming-account.js';
import { pairedMessages } from '../internal/outcomes.js';
import { sendStream } from '../internal/send.js';
import { decodeResponseText } from '../internal/streamed-response.js';
import {
  type FindItemList,
  type FindItemPage,
  readFindItem,
  readFindItemList,
} from '../operations/find-item.js';

/**
 * One page per folder of a FindItem with several ParentFolderIds (Exchange answers one
 * ResponseMessage per folder, in request order; `folders`: how many the request named). An answer
 * with another number of messages is refused (EWS_PROTOCOL): a page is never paired with another
 * folder. The first folder that failed throws its error.
 */
export function readFindItemPages(response: EwsResponse, folders: number): FindItemPage[] {
  return pairedMessages(response, folders).map((message) =>
    readFindItem({ ...response, messages: [message] }),
  );
}

/** Like readFindItemPages, with each page's items left unbuilt (see FindItemList). */
export function readFindItemLists(response: EwsResponse, folders: number): FindItemList[] {
  return pairedMessages(response, folders).map((message) =>
    readFindItemList({ ...response, messages: [message] }),
  );
}

/** Items `from` up to `to` of one page's `<m:Items>`. */
export interface ItemSlice {
  readonly list: XmlNode;
  readonly from: number;
  readonly to: number;
}

/** The items of `slices` in order, each built as it is reached and kept by nobody here. */
export function* eachItem(slices: readonly ItemSlice[]): Generator<XmlNode, void, undefined> {
  for (const { list, from, to } of slices) yield* eachChild(list, from, to);
}

/** Where a FindItem page's items are, as XmlNode names them. */
export const FIND_ITEM_LIST_PATH: readonly string[] = Object.freeze([
  'Envelope',
  'Body',
  'FindItemResponse',
  'ResponseMessages',
  'FindItemResponseMessage',
  'RootFolder',
  'Items',
]);

/**
 * The items of a streamed FindItem answer, cut out by core's streamElementChildren and read as
 * the buffered reader reads them (EWS_ANSWER_CONTENT, the client's limits); returns the skeleton.
 */
export function streamFindItemChildren(
  body: AsyncIterable<Uint8Array>,
  limits: ReaderLimits = DEFAULT_READER_LIMITS,
): AsyncGenerator<XmlNode, string, undefined> {
  return streamElementChildren(body, FIND_ITEM_LIST_PATH, {
    operation: 'FindItem',
    limits,
    content: EWS_ANSWER_CONTENT,
  });
}

/** The account, if it can stream answers (an Account can; a test double may not). */
export function streamingAccount(account: AccountContext): StreamingAccountContext | undefined {
  const candidate = account as Partial<StreamingAccountContext>;
  return typeof candidate.sendStream === 'function' ? (candidate as StreamingAccountContext) : undefined;
}

/** A one-folder FindItem page read as it arrives; see streamFindItemPage. */
export interface StreamedFindItemPage {
  /** The page's items, each parsed once its bytes are in (at most `max` of them). */
  readonly items: AsyncIterable<XmlNode>;
  /** The page's paging attributes and item count, once `items` has been read to the end. */
  result(): FindItemList;
}

/**
 * Sends a one-folder FindItem with a streamed answer and reads its items one at a time while
 * the page is still arriving (core's streamElementChildren): neither the page's text nor its tree
 * is ever held whole. The ResponseMessage (and its error, if any) is read from the rest.
 */
export function streamFindItemPage(
  account: StreamingAccountContext,
  body: XmlFragment,
  max: number,
  options: CallOptions,
): StreamedFindItemPage {
  let page: FindItemList | undefined;
  async function* items(): AsyncGenerator<XmlNode, void, undefined> {
    const response = await sendStream(account, 'FindItem', body, options);
    const children = streamFindItemChildren(response.body, response.readerLimits);
    let count = 0;
    try {
      for (;;) {
        const next = await children.next();
        if (next.done) {
          const list = readFindItemList(
            decodeResponseText(next.value, 'FindItem', response.status, response.readerLimits),
          );
          page = { ...list, count };
          return;
        }
        // More than asked for is not handed out (the buffered path slices the same way).
        if (count < max) yield next.value;
        count++;
      }
    } finally {
      // Leaving early stops the exchange.
      await children.return('');
    }
  }
  return {
    items: items(),
    result(): FindItemList {
      if (page === undefined)
        throw new EwsProtocolError('The FindItem page was not read to its end', { operation: 'FindItem' });
      return page;
    },
  };
}
