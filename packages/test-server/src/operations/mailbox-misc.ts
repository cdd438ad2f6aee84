import type { DirectoryMailbox } from '../directory/directory.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, messageFor, operationResponse, successParts } from '../soap/response-messages.js';
import { child, childrenNamed, childText, descend } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { delegateNamed } from './delegate-user-ids.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { requireAccess, storeForAddress } from './resolve-folder.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/** MarkAsJunk: with MoveItem, junk goes to Junk Email and "not junk" back to the Inbox, under a new id. */
export const markAsJunk: OperationHandler = (ctx, request) => {
  const isJunk = request.attrs.IsJunk === 'true' || request.attrs.IsJunk === '1';
  const move = request.attrs.MoveItem === 'true' || request.attrs.MoveItem === '1';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('MarkAsJunkResponseMessage', () => {
      const { store, view } = resolveItem(ctx, idEl);
      if (view.item.message === undefined || view.occurrence !== undefined) {
        throw new ResponseError('ErrorInvalidRequest', 'Only messages can be marked as junk.');
      }
      if (!move) return undefined;
      const target = store.requireDistinguished(isJunk ? 'junkemail' : 'inbox');
      const moved = store.addItem({
        ...view.item,
        id: store.newItemId(),
        changeKey: store.newChangeKey(),
        parentFolderId: target.id,
        lastModifiedTime: ctx.now,
      });
      store.items.delete(view.item.id);
      ctx.state.transfers.record({
        kind: 'moved',
        oldId: view.item.id,
        newId: moved.id,
        oldParentFolderId: view.item.parentFolderId,
        newParentFolderId: target.id,
      });
      return el('m:MovedItemId', { Id: moved.id, ChangeKey: moved.changeKey });
    }),
  );
  return operationResponse('MarkAsJunk', messages);
};

/** GetUserConfiguration: this server keeps no user configurations, so every name is not found. */
export const getUserConfiguration: OperationHandler = (ctx, request) => {
  const message = messageFor('GetUserConfigurationResponseMessage', () => {
    const nameEl = child(request, 'UserConfigurationName');
    const folderIdEl = nameEl?.children.find(
      (c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId',
    );
    const address = descend(folderIdEl, 'Mailbox', 'EmailAddress')?.text.trim();
    const store = storeForAddress(ctx, address);
    requireAccess(ctx, store);
    throw new ResponseError(
      'ErrorItemNotFound',
      `The user configuration ${nameEl?.attrs.Name ?? ''} was not found.`,
    );
  });
  return operationResponse('GetUserConfiguration', [message]);
};

const DELEGATE_PERMISSIONS = [
  ['CalendarFolderPermissionLevel', 'Editor'],
  ['TasksFolderPermissionLevel', 'Editor'],
  ['InboxFolderPermissionLevel', 'Editor'],
  ['ContactsFolderPermissionLevel', 'Editor'],
  ['NotesFolderPermissionLevel', 'None'],
  ['JournalFolderPermissionLevel', 'None'],
] as const;

/** One m:DelegateUserResponseMessageType: the delegate, or the error its UserId drew. */
function delegateMessage(includePermissions: boolean, produce: () => DirectoryMailbox): XmlFragment {
  try {
    const d = produce();
    return el(
      'm:DelegateUserResponseMessageType',
      { ResponseClass: 'Success' },
      successParts(
        el(
          'm:DelegateUser',
          null,
          el('t:UserId', null, textEl('t:PrimarySmtpAddress', d.address), textEl('t:DisplayName', d.name)),
          includePermissions
            ? el(
                't:DelegatePermissions',
                null,
                DELEGATE_PERMISSIONS.map(([n, v]) => textEl(`t:${n}`, v)),
              )
            : undefined,
          textEl('t:ReceiveCopiesOfMeetingMessages', true),
          textEl('t:ViewPrivateItems', false),
        ),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:DelegateUserResponseMessageType', { ResponseClass: 'Error' }, errorParts(error));
  }
}

/**
 * GetDelegate: the people (not service accounts) with full access to the mailbox; with UserIds, one
 * answer per id in the request's order (errors included) instead of the whole list.
 */
export const getDelegate: OperationHandler = (ctx, request) => {
  const includePermissions =
    request.attrs.IncludePermissions === 'true' || request.attrs.IncludePermissions === '1';
  let body: XmlContent[];
  let responseClass: 'Success' | 'Error' = 'Success';
  try {
    const store = storeForAddress(ctx, childText(child(request, 'Mailbox'), 'EmailAddress'));
    requireAccess(ctx, store);
    const owner = store.owner.address.toLowerCase();
    const delegates = ctx.state.directory.mailboxes.filter(
      (m) => m.kind === 'user' && (m.fullAccessTo ?? []).some((a) => a.toLowerCase() === owner),
    );
    const userIds = childrenNamed(child(request, 'UserIds'), 'UserId');
    const messages =
      child(request, 'UserIds') === undefined
        ? delegates.map((d) => delegateMessage(includePermissions, () => d))
        : userIds.map((userIdEl) =>
            delegateMessage(includePermissions, () => delegateNamed(ctx.state, delegates, userIdEl)),
          );
    body = [
      ...successParts(),
      // Exchange leaves ResponseMessages out when there are no delegates (it may not be empty).
      messages.length === 0 ? undefined : el('m:ResponseMessages', null, messages),
      textEl(
        'm:DeliverMeetingRequests',
        delegates.length > 0 ? 'DelegatesAndSendInformationToMe' : 'DelegatesAndMe',
      ),
    ];
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    body = errorParts(error);
    responseClass = 'Error';
  }
  return el(
    'm:GetDelegateResponse',
    { ResponseClass: responseClass, 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    body,
  );
};
