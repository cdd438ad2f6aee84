import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { DELEGATE_FOLDERS, type StoredDelegate, seededDelegates } from '../store/delegates.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { delegateNamed, userNamed } from './delegate-user-ids.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { requireAccess, storeForAddress } from './resolve-folder.js';

/*
 * GetDelegate, AddDelegate, UpdateDelegate, RemoveDelegate over the delegates each mailbox keeps
 * (seeded from the directory's full-access grants). Every answer holds one
 * DelegateUserResponseMessageType per user the request names, in its order, with the documented
 * codes: ErrorDelegateNoUser, ErrorDelegateAlreadyExists, ErrorDelegateCannotAddOwner,
 * ErrorNotDelegate, ErrorInvalidDelegatePermission (Custom cannot be set), ErrorInvalidUserSid.
 */

const DELIVERY = new Set(['DelegatesOnly', 'DelegatesAndMe', 'DelegatesAndSendInformationToMe', 'NoForward']);

/** The mailbox's delegates, made its own (from the directory) on first use. */
function delegatesOf(ctx: OperationContext, store: MailboxStore): StoredDelegate[] {
  store.delegates ??= seededDelegates(ctx.state.directory, store.owner.address);
  return store.delegates;
}

function deliveryOf(store: MailboxStore): string {
  const delegates = store.delegates ?? [];
  return (
    store.deliverMeetingRequests ??
    (delegates.length > 0 ? 'DelegatesAndSendInformationToMe' : 'DelegatesAndMe')
  );
}

function delegateXml(d: StoredDelegate, includePermissions: boolean): XmlFragment {
  return el(
    'm:DelegateUser',
    null,
    el('t:UserId', null, textEl('t:PrimarySmtpAddress', d.address), textEl('t:DisplayName', d.name)),
    includePermissions
      ? el(
          't:DelegatePermissions',
          null,
          DELEGATE_FOLDERS.map((f) => textEl(`t:${f}`, d.permissions[f])),
        )
      : undefined,
    textEl('t:ReceiveCopiesOfMeetingMessages', d.receiveCopiesOfMeetingMessages),
    textEl('t:ViewPrivateItems', d.viewPrivateItems),
  );
}

/** One m:DelegateUserResponseMessageType: `produce`'s content, or the error it threw. */
function userMessage(produce: () => XmlContent): XmlFragment {
  try {
    return el('m:DelegateUserResponseMessageType', { ResponseClass: 'Success' }, successParts(produce()));
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return el('m:DelegateUserResponseMessageType', { ResponseClass: 'Error' }, errorParts(error));
  }
}

/**
 * The m:<Operation>Response: the mailbox resolved and opened (an error there fails the whole
 * request, with no per-user messages), then `body` for the per-user messages and trailing parts.
 */
function delegateResponse(
  ctx: OperationContext,
  operation: string,
  request: XmlElement,
  body: (store: MailboxStore) => { messages: XmlFragment[]; trailer?: XmlContent },
): XmlFragment {
  let content: XmlContent[];
  let responseClass: 'Success' | 'Error' = 'Success';
  try {
    const store = storeForAddress(ctx, childText(child(request, 'Mailbox'), 'EmailAddress')?.trim());
    requireAccess(ctx, store);
    const { messages, trailer } = body(store);
    content = [
      ...successParts(),
      // Exchange leaves ResponseMessages out when there is nothing to list (it may not be empty).
      messages.length === 0 ? undefined : el('m:ResponseMessages', null, messages),
      trailer,
    ];
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    content = errorParts(error);
    responseClass = 'Error';
  }
  return el(
    `m:${operation}Response`,
    { ResponseClass: responseClass, 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    content,
  );
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** The permissions a DelegateUser sets; Custom is refused (it is only ever read). */
function permissionsOf(userEl: XmlElement): Partial<Record<(typeof DELEGATE_FOLDERS)[number], string>> {
  const permissions = child(userEl, 'DelegatePermissions');
  const set: Partial<Record<(typeof DELEGATE_FOLDERS)[number], string>> = {};
  for (const folder of DELEGATE_FOLDERS) {
    const level = childText(permissions, folder)?.trim();
    if (level === undefined) continue;
    if (level === 'Custom')
      throw new ResponseError(
        'ErrorInvalidDelegatePermission',
        'Custom permission levels cannot be set on a delegate.',
      );
    set[folder] = level;
  }
  return set;
}

function flag(userEl: XmlElement, name: string): boolean | undefined {
  const text = childText(userEl, name);
  return text === undefined ? undefined : isTrue(text.trim());
}

function delivery(request: XmlElement): string | undefined {
  const value = childText(request, 'DeliverMeetingRequests')?.trim();
  return value !== undefined && DELIVERY.has(value) ? value : undefined;
}

export const getDelegate: OperationHandler = (ctx, request) => {
  const includePermissions = isTrue(request.attrs.IncludePermissions);
  return delegateResponse(ctx, 'GetDelegate', request, (store) => {
    const delegates = delegatesOf(ctx, store);
    const messages =
      child(request, 'UserIds') === undefined
        ? delegates.map((d) => userMessage(() => delegateXml(d, includePermissions)))
        : childrenNamed(child(request, 'UserIds'), 'UserId').map((userIdEl) =>
            userMessage(() => delegateXml(delegateNamed(ctx.state, delegates, userIdEl), includePermissions)),
          );
    return { messages, trailer: textEl('m:DeliverMeetingRequests', deliveryOf(store)) };
  });
};

export const addDelegate: OperationHandler = (ctx, request) =>
  delegateResponse(ctx, 'AddDelegate', request, (store) => {
    const delegates = delegatesOf(ctx, store);
    const messages = childrenNamed(child(request, 'DelegateUsers'), 'DelegateUser').map((userEl) =>
      userMessage(() => {
        const user = userNamed(ctx.state, child(userEl, 'UserId') ?? userEl);
        if (user.address.toLowerCase() === store.owner.address.toLowerCase())
          throw new ResponseError(
            'ErrorDelegateCannotAddOwner',
            'The mailbox owner cannot be added as a delegate.',
          );
        if (delegates.some((d) => d.address.toLowerCase() === user.address.toLowerCase()))
          throw new ResponseError('ErrorDelegateAlreadyExists', `${user.address} is already a delegate.`);
        const permissions = permissionsOf(userEl);
        const added: StoredDelegate = {
          address: user.address,
          name: user.name,
          permissions: Object.fromEntries(
            DELEGATE_FOLDERS.map((f) => [f, permissions[f] ?? 'None']),
          ) as StoredDelegate['permissions'],
          receiveCopiesOfMeetingMessages: flag(userEl, 'ReceiveCopiesOfMeetingMessages') ?? false,
          viewPrivateItems: flag(userEl, 'ViewPrivateItems') ?? false,
        };
        delegates.push(added);
        return delegateXml(added, true);
      }),
    );
    store.deliverMeetingRequests = delivery(request) ?? store.deliverMeetingRequests;
    return { messages };
  });

/** UpdateDelegate: each part sent replaces the delegate's; folders and flags not sent stay. */
export const updateDelegate: OperationHandler = (ctx, request) =>
  delegateResponse(ctx, 'UpdateDelegate', request, (store) => {
    const delegates = delegatesOf(ctx, store);
    const messages = childrenNamed(child(request, 'DelegateUsers'), 'DelegateUser').map((userEl) =>
      userMessage(() => {
        const found = delegateNamed(ctx.state, delegates, child(userEl, 'UserId') ?? userEl);
        const permissions = permissionsOf(userEl);
        found.permissions = { ...found.permissions, ...permissions };
        found.receiveCopiesOfMeetingMessages =
          flag(userEl, 'ReceiveCopiesOfMeetingMessages') ?? found.receiveCopiesOfMeetingMessages;
        found.viewPrivateItems = flag(userEl, 'ViewPrivateItems') ?? found.viewPrivateItems;
        return delegateXml(found, true);
      }),
    );
    store.deliverMeetingRequests = delivery(request) ?? store.deliverMeetingRequests;
    return { messages };
  });

export const removeDelegate: OperationHandler = (ctx, request) =>
  delegateResponse(ctx, 'RemoveDelegate', request, (store) => {
    const delegates = delegatesOf(ctx, store);
    const messages = childrenNamed(child(request, 'UserIds'), 'UserId').map((userIdEl) =>
      userMessage(() => {
        const found = delegateNamed(ctx.state, delegates, userIdEl);
        delegates.splice(delegates.indexOf(found), 1);
        return undefined;
      }),
    );
    return { messages };
  });
