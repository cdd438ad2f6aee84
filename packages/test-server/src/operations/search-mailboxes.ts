import type { DirectoryMailbox } from '../directory/directory.js';
import { compileQueryString } from '../query/aqs.js';
import { itemField } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredItem } from '../store/item-model.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';

/*
 * SearchMailboxes (eDiscovery, Exchange 2013+): each MailboxQuery's AQS query (query/aqs.ts) is run over
 * every item of the mailboxes its scopes name, by the ReferenceId GetSearchableMailboxes lists (the
 * mailbox's legacy DN). Like GetSearchableMailboxes it needs the Discovery Management role, held here
 * by the service account (canImpersonate); others get ErrorAccessDenied. A mailbox no one knows, or an
 * ArchiveOnly scope (the demo mailboxes have no archive), is listed in FailedMailboxes.
 * StatisticsOnly answers counts and sizes (per keyword and per mailbox); PreviewOnly the items,
 * newest first, at most PageSize (default 100) of them.
 */

const DEFAULT_PAGE_SIZE = 100;
const MAX_SCOPES = 1000;

/** The ReferenceId GetSearchableMailboxes gives a mailbox (its legacy DN). */
export function mailboxReferenceId(address: string): string {
  return `/o=Contoso/ou=Exchange/cn=Recipients/cn=${address.split('@')[0]}`;
}

const sizeOf = (view: ItemView): number => Number(itemField('item:Size')?.value?.(view) ?? 0);
const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Hit {
  readonly mailbox: DirectoryMailbox;
  readonly item: StoredItem;
}

interface Failure {
  readonly mailbox: string;
  readonly message: string;
  readonly isArchive: boolean;
}

function searchQuery(ctx: OperationContext, query: XmlElement, hits: Hit[], failures: Failure[]) {
  const predicate = compileQueryString(childText(query, 'Query') ?? '');
  const scopes = childrenNamed(child(query, 'MailboxSearchScopes'), 'MailboxSearchScope');
  if (scopes.length > MAX_SCOPES)
    throw new ResponseError('ErrorSearchTooManyMailboxes', 'Too many mailboxes to search.');
  const found: Hit[] = [];
  for (const scope of scopes) {
    const reference = childText(scope, 'Mailbox') ?? '';
    const location = childText(scope, 'SearchScope');
    const mailbox = ctx.state.directory.mailboxes.find((m) => mailboxReferenceId(m.address) === reference);
    const store = mailbox === undefined ? undefined : ctx.state.storeFor(mailbox.address);
    if (mailbox === undefined || store === undefined) {
      failures.push({ mailbox: reference, message: 'The mailbox was not found.', isArchive: false });
      continue;
    }
    if (location === 'ArchiveOnly') {
      failures.push({ mailbox: reference, message: 'The mailbox has no archive.', isArchive: true });
      continue;
    }
    for (const item of store.items.values()) if (predicate({ item })) found.push({ mailbox, item });
  }
  hits.push(...found);
  return found;
}

function previewItem(hit: Hit): XmlContent {
  const { item, mailbox } = hit;
  const view = { item };
  const recipients = (name: string, people: readonly { address: string }[] | undefined) =>
    people === undefined || people.length === 0
      ? undefined
      : el(
          name,
          null,
          people.map((p) => textEl('t:SmtpAddress', p.address)),
        );
  return el(
    't:SearchPreviewItem',
    null,
    el('t:Id', { Id: item.id, ChangeKey: item.changeKey }),
    el(
      't:Mailbox',
      null,
      textEl('t:MailboxId', mailboxReferenceId(mailbox.address)),
      textEl('t:PrimarySmtpAddress', mailbox.address),
    ),
    el('t:ParentId', { Id: item.parentFolderId }),
    textEl('t:ItemClass', item.itemClass),
    textEl('t:Sender', item.message?.from?.address),
    recipients('t:ToRecipients', item.message?.to),
    recipients('t:CcRecipients', item.message?.cc),
    textEl('t:CreatedTime', iso(item.dateTimeCreated)),
    textEl('t:ReceivedTime', iso(item.dateTimeReceived)),
    item.dateTimeSent === undefined ? undefined : textEl('t:SentTime', iso(item.dateTimeSent)),
    textEl('t:Subject', item.subject),
    textEl('t:Size', sizeOf(view)),
    textEl('t:Importance', item.importance),
    item.message === undefined ? undefined : textEl('t:Read', item.message.isRead),
    textEl('t:HasAttachment', item.attachments.length > 0),
  );
}

export const searchMailboxes: OperationHandler = (ctx, request) => {
  const message = messageFor('SearchMailboxesResponseMessage', () => {
    if (!ctx.caller.canImpersonate) {
      throw new ResponseError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    const resultType = childText(request, 'ResultType');
    if (resultType !== 'StatisticsOnly' && resultType !== 'PreviewOnly')
      throw new ResponseError('ErrorInvalidArgument', 'ResultType must be StatisticsOnly or PreviewOnly.');
    const pageSizeText = childText(request, 'PageSize');
    const pageSize = pageSizeText === undefined ? DEFAULT_PAGE_SIZE : Number(pageSizeText);
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new ResponseError('ErrorInvalidArgument', 'PageSize must be a positive number.');
    const queries = childrenNamed(child(request, 'SearchQueries'), 'MailboxQuery');
    if (queries.length === 0) throw new ResponseError('ErrorInvalidArgument', 'SearchQueries is empty.');
    const hits: Hit[] = [];
    const failures: Failure[] = [];
    const keywordStats = queries.map((query) => {
      const found = searchQuery(ctx, query, hits, failures);
      return { keyword: childText(query, 'Query') ?? '', found };
    });
    // One hit per item, whichever queries found it.
    const unique = [...new Map(hits.map((hit) => [hit.item.id, hit])).values()];
    const totalSize = unique.reduce((sum, hit) => sum + sizeOf({ item: hit.item }), 0);
    const page =
      resultType === 'PreviewOnly'
        ? unique
            .sort((a, b) => b.item.dateTimeReceived.getTime() - a.item.dateTimeReceived.getTime())
            .slice(0, pageSize)
        : [];
    const pageSizeBytes = page.reduce((sum, hit) => sum + sizeOf({ item: hit.item }), 0);
    const perMailbox = new Map<string, { mailbox: DirectoryMailbox; count: number; size: number }>();
    for (const hit of unique) {
      const entry = perMailbox.get(hit.mailbox.address) ?? { mailbox: hit.mailbox, count: 0, size: 0 };
      entry.count++;
      entry.size += sizeOf({ item: hit.item });
      perMailbox.set(hit.mailbox.address, entry);
    }
    return el(
      'm:SearchMailboxesResult',
      null,
      el('t:SearchQueries', null, child(request, 'SearchQueries')?.children.map(echoQuery) ?? []),
      textEl('t:ResultType', resultType),
      textEl('t:ItemCount', unique.length),
      textEl('t:Size', totalSize),
      textEl('t:PageItemCount', page.length),
      textEl('t:PageItemSize', pageSizeBytes),
      resultType === 'StatisticsOnly'
        ? el(
            't:KeywordStats',
            null,
            keywordStats.map(({ keyword, found }) =>
              el(
                't:KeywordStat',
                null,
                textEl('t:Keyword', keyword),
                textEl('t:ItemHits', found.length),
                textEl(
                  't:Size',
                  found.reduce((sum, hit) => sum + sizeOf({ item: hit.item }), 0),
                ),
              ),
            ),
          )
        : el('t:Items', null, page.map(previewItem)),
      failures.length === 0
        ? undefined
        : el(
            't:FailedMailboxes',
            null,
            failures.map((failure) =>
              el(
                't:FailedMailbox',
                null,
                textEl('t:Mailbox', failure.mailbox),
                textEl('t:ErrorCode', 0),
                textEl('t:ErrorMessage', failure.message),
                textEl('t:IsArchive', failure.isArchive),
              ),
            ),
          ),
      resultType === 'StatisticsOnly'
        ? el(
            't:MailboxStats',
            null,
            [...perMailbox.values()].map((entry) =>
              el(
                't:MailboxStat',
                null,
                textEl('t:MailboxId', mailboxReferenceId(entry.mailbox.address)),
                textEl('t:DisplayName', entry.mailbox.name),
                textEl('t:ItemCount', entry.count),
                textEl('t:Size', entry.size),
              ),
            ),
          )
        : undefined,
    );
  });
  return operationResponse('SearchMailboxes', [message]);
};

/** The request's MailboxQuery, written back in the answer's SearchQueries (types namespace). */
function echoQuery(query: XmlElement): XmlContent {
  return el(
    't:MailboxQuery',
    null,
    textEl('t:Query', childText(query, 'Query') ?? ''),
    el(
      't:MailboxSearchScopes',
      null,
      childrenNamed(child(query, 'MailboxSearchScopes'), 'MailboxSearchScope').map((scope) =>
        el(
          't:MailboxSearchScope',
          null,
          textEl('t:Mailbox', childText(scope, 'Mailbox') ?? ''),
          textEl('t:SearchScope', childText(scope, 'SearchScope') ?? 'All'),
        ),
      ),
    ),
  );
}
