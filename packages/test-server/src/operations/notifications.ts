import { formatDateTime } from '../render/values.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { encodeWatermark, type PullSubscription, type SeenItem } from '../store/subscriptions.js';
import { child, childrenNamed, childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder, storeForAddress } from './resolve-folder.js';

const EVENT_TYPES = new Set([
  'NewMailEvent',
  'CreatedEvent',
  'DeletedEvent',
  'ModifiedEvent',
  'MovedEvent',
  'CopiedEvent',
]);

function snapshot(store: MailboxStore, folderIds: ReadonlySet<string>): Map<string, SeenItem> {
  const seen = new Map<string, SeenItem>();
  for (const item of store.items.values()) {
    if (folderIds.size === 0 || folderIds.has(item.parentFolderId)) {
      seen.set(item.id, { changeKey: item.changeKey, parentFolderId: item.parentFolderId });
    }
  }
  return seen;
}

function requireSubscription(ctx: OperationContext, id: string | undefined): PullSubscription {
  const subscription = id === undefined ? undefined : ctx.state.subscriptions.get(id);
  if (subscription === undefined || subscription.owner !== ctx.actor.address) {
    throw new ResponseError('ErrorSubscriptionNotFound', 'The specified subscription was not found.');
  }
  return subscription;
}

/** Subscribe: pull subscriptions on folders (or all folders) of one mailbox; push/streaming are refused. */
export const subscribe: OperationHandler = (ctx, request) => {
  const message = messageFor('SubscribeResponseMessage', () => {
    const pull = child(request, 'PullSubscriptionRequest');
    if (pull === undefined) {
      throw new ResponseError('ErrorInvalidRequest', 'Only pull subscriptions are supported by this server.');
    }
    const resolved = folderIdElements(child(pull, 'FolderIds')).map((idEl) => resolveFolder(ctx, idEl));
    const store = resolved[0]?.store ?? storeForAddress(ctx, undefined);
    if (resolved.some((r) => r.store !== store)) {
      throw new ResponseError('ErrorInvalidRequest', 'All folders of a subscription must be in one mailbox.');
    }
    const all = pull.attrs.SubscribeToAllFolders === 'true';
    const folderIds = new Set(all ? [] : resolved.map((r) => r.folder.id));
    const eventTypes = new Set(
      childrenNamed(child(pull, 'EventTypes'), 'EventType').map((e) => e.text.trim()),
    );
    const subscription = ctx.state.subscriptions.add({
      mailboxIndex: store.index,
      owner: ctx.actor.address,
      folderIds,
      eventTypes,
      seen: snapshot(store, folderIds),
      watermark: 0,
    });
    return [
      textEl('m:SubscriptionId', subscription.id),
      textEl('m:Watermark', encodeWatermark(subscription)),
    ];
  });
  return operationResponse('Subscribe', [message]);
};

function event(
  name: string,
  watermark: string,
  now: Date,
  id: string,
  changeKey: string | undefined,
  parent: string,
): XmlFragment {
  return el(
    `t:${name}`,
    null,
    textEl('t:Watermark', watermark),
    textEl('t:TimeStamp', formatDateTime(now)),
    el('t:ItemId', { Id: id, ChangeKey: changeKey }),
    el('t:ParentFolderId', { Id: parent }),
  );
}

/** GetEvents: what changed in the watched folders since the last call (a StatusEvent when nothing did). */
export const getEvents: OperationHandler = (ctx, request) => {
  const message = messageFor('GetEventsResponseMessage', () => {
    const subscription = requireSubscription(ctx, childText(request, 'SubscriptionId'));
    const store = ctx.state.allStores()[subscription.mailboxIndex];
    if (store === undefined) throw new ResponseError('ErrorSubscriptionNotFound', 'The mailbox is gone.');
    const previous = encodeWatermark(subscription);
    const current = snapshot(store, subscription.folderIds);
    const inbox = store.requireDistinguished('inbox').id;
    const wanted = (type: string) => subscription.eventTypes.has(type) && EVENT_TYPES.has(type);
    const events: XmlFragment[] = [];
    const next = () => {
      subscription.watermark += 1;
      return encodeWatermark(subscription);
    };
    for (const [id, item] of current) {
      const before = subscription.seen.get(id);
      if (before === undefined) {
        if (wanted('CreatedEvent'))
          events.push(event('CreatedEvent', next(), ctx.now, id, item.changeKey, item.parentFolderId));
        if (
          wanted('NewMailEvent') &&
          item.parentFolderId === inbox &&
          store.items.get(id)?.message !== undefined
        ) {
          events.push(event('NewMailEvent', next(), ctx.now, id, item.changeKey, item.parentFolderId));
        }
      } else if (before.changeKey !== item.changeKey && wanted('ModifiedEvent')) {
        events.push(event('ModifiedEvent', next(), ctx.now, id, item.changeKey, item.parentFolderId));
      }
    }
    for (const [id, item] of subscription.seen) {
      if (!current.has(id) && wanted('DeletedEvent')) {
        events.push(event('DeletedEvent', next(), ctx.now, id, undefined, item.parentFolderId));
      }
    }
    subscription.seen = current;
    const body = events.length > 0 ? events : [el('t:StatusEvent', null, textEl('t:Watermark', next()))];
    return el(
      'm:Notification',
      null,
      textEl('t:SubscriptionId', subscription.id),
      textEl('t:PreviousWatermark', previous),
      textEl('t:MoreEvents', false),
      body,
    );
  });
  return operationResponse('GetEvents', [message]);
};

/** Unsubscribe: ends a subscription (ErrorSubscriptionNotFound when unknown). */
export const unsubscribe: OperationHandler = (ctx, request) => {
  const message = messageFor('UnsubscribeResponseMessage', () => {
    const subscription = requireSubscription(ctx, childText(request, 'SubscriptionId'));
    ctx.state.subscriptions.remove(subscription.id);
    return undefined;
  });
  return operationResponse('Unsubscribe', [message]);
};
