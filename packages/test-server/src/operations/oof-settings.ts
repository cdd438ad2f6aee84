import { formatDateTime } from '../render/values.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import type { OofSettings } from '../store/mailbox-store.js';
import { child, childText, descend, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { requireAccess, storeForAddress } from './resolve-folder.js';

const STATES: readonly OofSettings['state'][] = ['Disabled', 'Enabled', 'Scheduled'];
const AUDIENCES: readonly OofSettings['externalAudience'][] = ['None', 'Known', 'All'];

function mailboxStore(ctx: OperationContext, request: XmlElement) {
  const store = storeForAddress(ctx, childText(child(request, 'Mailbox'), 'Address'));
  requireAccess(ctx, store);
  return store;
}

/** These responses carry one bare ResponseMessage (not a ResponseMessages list). */
function respond(name: string, produce: () => XmlContent): ReturnType<OperationHandler> {
  let message: XmlContent;
  let extra: XmlContent;
  try {
    extra = produce();
    message = el('m:ResponseMessage', { ResponseClass: 'Success' }, successParts());
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    message = el('m:ResponseMessage', { ResponseClass: 'Error' }, errorParts(error));
  }
  return el(`m:${name}`, { 'xmlns:m': NS.messages }, message, extra);
}

const reply = (name: string, text: string) => el(`t:${name}`, null, textEl('t:Message', text));

/** GetUserOofSettings: the mailbox's automatic-reply settings (ErrorAccessDenied for others' mailboxes). */
export const getUserOofSettings: OperationHandler = (ctx, request) =>
  respond('GetUserOofSettingsResponse', () => {
    const oof = mailboxStore(ctx, request).oof;
    const start = oof.start ?? ctx.now;
    const end = oof.end ?? new Date(start.getTime() + 86_400_000);
    return [
      el(
        't:OofSettings',
        { 'xmlns:t': NS.types },
        textEl('t:OofState', oof.state),
        textEl('t:ExternalAudience', oof.externalAudience),
        el(
          't:Duration',
          null,
          textEl('t:StartTime', formatDateTime(start)),
          textEl('t:EndTime', formatDateTime(end)),
        ),
        reply('InternalReply', oof.internalReply),
        reply('ExternalReply', oof.externalReply),
      ),
      textEl('m:AllowExternalOof', 'All'),
    ];
  });

/** SetUserOofSettings: replaces the settings; Scheduled needs a Duration with StartTime before EndTime. */
export const setUserOofSettings: OperationHandler = (ctx, request) =>
  respond('SetUserOofSettingsResponse', () => {
    const store = mailboxStore(ctx, request);
    const settings = child(request, 'UserOofSettings');
    const state = STATES.find((s) => s === childText(settings, 'OofState'));
    const audience = AUDIENCES.find((a) => a === childText(settings, 'ExternalAudience'));
    if (state === undefined || audience === undefined) {
      throw new ResponseError('ErrorInvalidRequest', 'OofState and ExternalAudience are required.');
    }
    const startText = descend(settings, 'Duration', 'StartTime')?.text.trim();
    const endText = descend(settings, 'Duration', 'EndTime')?.text.trim();
    const start = startText === undefined ? undefined : new Date(startText);
    const end = endText === undefined ? undefined : new Date(endText);
    if (state === 'Scheduled' && (start === undefined || end === undefined || !(start < end))) {
      throw new ResponseError(
        'ErrorInvalidScheduledOofDuration',
        'A scheduled OOF needs a Duration whose StartTime is before EndTime.',
      );
    }
    store.oof = {
      state,
      externalAudience: audience,
      start,
      end,
      internalReply: descend(settings, 'InternalReply', 'Message')?.text ?? '',
      externalReply: descend(settings, 'ExternalReply', 'Message')?.text ?? '',
    };
    return undefined;
  });
