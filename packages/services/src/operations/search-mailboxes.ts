import {
  type CallOptions,
  child,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  positiveInteger,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, int } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { childValue } from '../internal/scalar-values.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { send } from '../internal/send.js';
import type { ItemRef } from '../refs.js';
import {
  type FailedSearchMailbox,
  failedSearchMailboxOf,
  type SearchableMailbox,
} from './get-searchable-mailboxes.js';
import { optionalItemRef } from './item-id-results.js';

const OPERATION = 'SearchMailboxes';

export type SearchResultType = 'StatisticsOnly' | 'PreviewOnly';
export type MailboxSearchScope = 'PrimaryOnly' | 'ArchiveOnly' | 'All';

/** A mailbox to search: one GetSearchableMailboxes listed, or its ReferenceId (legacy DN). */
export type SearchMailboxTarget = SearchableMailbox | string;

export interface SearchMailboxesParams {
  /** An AQS query (keywords, `subject:…`, `from:…`), run by Exchange's content index. */
  readonly query: string;
  readonly mailboxes: readonly SearchMailboxTarget[];
  readonly resultType: SearchResultType;
  /** Which part of each mailbox (default All: primary and archive). */
  readonly scope?: MailboxSearchScope;
  /** Preview items per answer (PreviewOnly); the server's default when absent. */
  readonly pageSize?: number;
  /** One copy of an item found in several mailboxes. */
  readonly deduplication?: boolean;
  readonly language?: string;
}

export interface KeywordStatistics {
  readonly keyword: string;
  readonly itemHits: number;
  readonly size: number;
}

export interface MailboxStatistics {
  readonly mailboxId: string;
  readonly displayName: string;
  readonly itemCount: number;
  readonly size: number;
}

/** t:SearchPreviewItemType: a found item as eDiscovery previews it. */
export interface SearchPreviewItem {
  readonly itemId: ItemRef;
  readonly mailbox?: { readonly mailboxId: string; readonly primarySmtpAddress: string };
  readonly parentId?: ItemRef;
  readonly itemClass?: string;
  readonly sender?: string;
  readonly toRecipients?: readonly string[];
  readonly ccRecipients?: readonly string[];
  readonly bccRecipients?: readonly string[];
  readonly createdTime?: Date;
  readonly receivedTime?: Date;
  readonly sentTime?: Date;
  readonly subject?: string;
  readonly size?: number;
  readonly preview?: string;
  readonly importance?: string;
  readonly read?: boolean;
  readonly hasAttachment?: boolean;
}

export interface SearchMailboxesResult {
  readonly resultType: SearchResultType;
  /** Items found in every mailbox searched. */
  readonly itemCount: number;
  readonly size: number;
  /** Items in this answer's `items` (PreviewOnly). */
  readonly pageItemCount: number;
  readonly pageItemSize: number;
  readonly keywordStats: readonly KeywordStatistics[];
  readonly items: readonly SearchPreviewItem[];
  /** Mailboxes the search could not reach: the result is partial when this is not empty. */
  readonly failedMailboxes: readonly FailedSearchMailbox[];
  readonly mailboxStats: readonly MailboxStatistics[];
}

const SCOPES: ReadonlySet<string> = new Set(['PrimaryOnly', 'ArchiveOnly', 'All']);
const RESULT_TYPES: ReadonlySet<string> = new Set(['StatisticsOnly', 'PreviewOnly']);

function referenceOf(target: SearchMailboxTarget): string {
  const reference = typeof target === 'string' ? target : target?.referenceId;
  if (typeof reference !== 'string' || reference === '')
    throw new EwsInvalidArgumentError(
      'searchMailboxes: a mailbox is a SearchableMailbox with a referenceId, or a ReferenceId',
    );
  return reference;
}

export function buildSearchMailboxes(params: SearchMailboxesParams): XmlFragment {
  if (typeof params.query !== 'string')
    throw new EwsInvalidArgumentError('searchMailboxes: query is a string');
  if (!RESULT_TYPES.has(params.resultType))
    throw new EwsInvalidArgumentError('searchMailboxes: resultType is StatisticsOnly or PreviewOnly');
  const scope = params.scope ?? 'All';
  if (!SCOPES.has(scope))
    throw new EwsInvalidArgumentError('searchMailboxes: scope is PrimaryOnly, ArchiveOnly or All');
  if (!Array.isArray(params.mailboxes) || params.mailboxes.length === 0)
    throw new EwsInvalidArgumentError('searchMailboxes: name at least one mailbox');
  const scopes = params.mailboxes.map((target) =>
    el('t:MailboxSearchScope', {}, [
      el('t:Mailbox', {}, referenceOf(target)),
      el('t:SearchScope', {}, scope),
    ]),
  );
  const pageSize =
    params.pageSize === undefined
      ? undefined
      : el('m:PageSize', {}, positiveInteger('pageSize', params.pageSize, { max: XS_INT_MAX }));
  return el('m:SearchMailboxes', {}, [
    el(
      'm:SearchQueries',
      {},
      el('t:MailboxQuery', {}, [el('t:Query', {}, params.query), el('t:MailboxSearchScopes', {}, scopes)]),
    ),
    el('m:ResultType', {}, params.resultType),
    params.language === undefined ? undefined : el('m:Language', {}, params.language),
    params.deduplication === undefined ? undefined : el('m:Deduplication', {}, params.deduplication),
    pageSize,
  ]);
}

const where = (node: XmlNode) => `${OPERATION}.${node.name}`;

/** A count the schema requires (xs:int / xs:long that fits a number): absent or malformed is EWS_PROTOCOL. */
function requiredCount(node: XmlNode, name: string): number {
  const value = childValue(node, name, int, where(node));
  if (value === undefined || value < 0)
    throw new EwsProtocolError(`${OPERATION}: <${node.name}> has no valid <${name}>`, {
      operation: OPERATION,
    });
  return value;
}

function requiredText(node: XmlNode, name: string): string {
  return requiredChild(node, name, OPERATION).text;
}

function addresses(node: XmlNode, name: string): readonly string[] | undefined {
  const list = child(node, name);
  return list === undefined ? undefined : children(list, 'SmtpAddress').map((entry) => entry.text);
}

function readPreviewItem(node: XmlNode): SearchPreviewItem {
  const mailbox = child(node, 'Mailbox');
  const parentId = optionalItemRef(child(node, 'ParentId'), OPERATION);
  const text = (name: string) => child(node, name)?.text;
  const fields: Record<string, unknown> = {
    // t:Id is required (t:ItemIdType): an item without it names nothing.
    itemId: optionalItemRef(requiredChild(node, 'Id', OPERATION), OPERATION),
    mailbox:
      mailbox === undefined
        ? undefined
        : {
            mailboxId: requiredText(mailbox, 'MailboxId'),
            primarySmtpAddress: requiredText(mailbox, 'PrimarySmtpAddress'),
          },
    parentId,
    itemClass: text('ItemClass'),
    sender: text('Sender'),
    toRecipients: addresses(node, 'ToRecipients'),
    ccRecipients: addresses(node, 'CcRecipients'),
    bccRecipients: addresses(node, 'BccRecipients'),
    createdTime: childValue(node, 'CreatedTime', dateTime, where(node)),
    receivedTime: childValue(node, 'ReceivedTime', dateTime, where(node)),
    sentTime: childValue(node, 'SentTime', dateTime, where(node)),
    subject: text('Subject'),
    size: childValue(node, 'Size', int, where(node)),
    preview: text('Preview'),
    importance: text('Importance'),
    read: childValue(node, 'Read', boolean, where(node)),
    hasAttachment: childValue(node, 'HasAttachment', boolean, where(node)),
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as unknown as SearchPreviewItem;
}

/**
 * The one SearchMailboxesResult: counts the schema requires are required, a preview list is only
 * read for PreviewOnly (and must not hold more than PageItemCount items), and every FailedMailbox is
 * reported, so a partial search never reads as a complete one.
 */
export function readSearchMailboxes(response: EwsResponse, asked: SearchResultType): SearchMailboxesResult {
  const result = requiredChild(onlyMessage(response).node, 'SearchMailboxesResult', OPERATION);
  const resultType = requiredText(result, 'ResultType');
  if (resultType !== asked)
    throw new EwsProtocolError(`${OPERATION}: asked for ${asked}, answered ${resultType.slice(0, 40)}`, {
      operation: OPERATION,
    });
  const pageItemCount = requiredCount(result, 'PageItemCount');
  const items = children(child(result, 'Items'), 'SearchPreviewItem');
  if (items.length !== pageItemCount || (asked === 'StatisticsOnly' && items.length > 0))
    throw new EwsProtocolError(
      `${OPERATION}: ${items.length} preview items, PageItemCount says ${pageItemCount}`,
      { operation: OPERATION },
    );
  return {
    resultType: asked,
    itemCount: requiredCount(result, 'ItemCount'),
    size: requiredCount(result, 'Size'),
    pageItemCount,
    pageItemSize: requiredCount(result, 'PageItemSize'),
    keywordStats: children(child(result, 'KeywordStats'), 'KeywordStat').map((stat) => ({
      keyword: requiredText(stat, 'Keyword'),
      itemHits: requiredCount(stat, 'ItemHits'),
      size: requiredCount(stat, 'Size'),
    })),
    items: items.map(readPreviewItem),
    failedMailboxes: children(child(result, 'FailedMailboxes'), 'FailedMailbox').map(failedSearchMailboxOf),
    mailboxStats: children(child(result, 'MailboxStats'), 'MailboxStat').map((stat) => ({
      mailboxId: requiredText(stat, 'MailboxId'),
      displayName: requiredText(stat, 'DisplayName'),
      itemCount: requiredCount(stat, 'ItemCount'),
      size: requiredCount(stat, 'Size'),
    })),
  };
}

/** eDiscovery search across mailboxes (needs the Discovery Management role). */
export async function searchMailboxes(
  account: AccountContext,
  params: SearchMailboxesParams,
  options: CallOptions,
): Promise<SearchMailboxesResult> {
  const body = buildSearchMailboxes(params);
  return readSearchMailboxes(await send(account, OPERATION, body, options), params.resultType);
}
