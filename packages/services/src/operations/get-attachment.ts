import {
  child,
  children,
  EwsInvalidArgumentError,
  type EwsResponse,
  el,
  fragments,
  type XmlFragment,
} from '@ews/core';
import { type Attachment, attachments } from '@ews/models';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import { tooMany } from './item-id-results.js';

export interface GetAttachmentParams {
  /** Attachment ids (`attachment.attachmentId.id`). */
  readonly attachments: readonly string[];
  /** Ask item attachments for their MIME content. */
  readonly includeMimeContent?: boolean | undefined;
}

/** `<t:AttachmentId Id="…"/>` entries of an attachment id list. */
export function attachmentIdsXml(ids: readonly string[], operation: string): XmlFragment {
  if (ids.length === 0) throw new EwsInvalidArgumentError(`${operation} needs at least one attachment id`);
  return fragments(
    ids.map((id) => {
      if (typeof id !== 'string' || id === '')
        throw new EwsInvalidArgumentError('An attachment id must be a non-empty string');
      return el('t:AttachmentId', { Id: id });
    }),
  );
}

export function buildGetAttachment(params: GetAttachmentParams): XmlFragment {
  const shape =
    params.includeMimeContent === undefined
      ? undefined
      : el('m:AttachmentShape', {}, el('t:IncludeMimeContent', {}, params.includeMimeContent));
  return el('m:GetAttachment', {}, [
    shape,
    el('m:AttachmentIds', {}, attachmentIdsXml(params.attachments, 'GetAttachment')),
  ]);
}

/**
 * One outcome per id in request order (`sent`: how many ids the request named): the attachment
 * with its content, or the server's error. An entry answered with several attachments, or with
 * one that does not carry its AttachmentId, fails.
 */
export function readGetAttachment(response: EwsResponse, sent: number): readonly Outcome<Attachment>[] {
  return readOutcomes(response, 'GetAttachment', sent, (message): Outcome<Attachment> => {
    const list = child(message.node, 'Attachments');
    if (children(list).length > 1) return tooMany('GetAttachment', children(list));
    const [attachment] = list === undefined ? [] : attachments.readElement(list, 'GetAttachment');
    if (!attachment) return protocolFailure('GetAttachment', 'GetAttachment answered without the attachment');
    // Exchange names what it answers with; an attachment without (or with a misspelt) AttachmentId
    // could be anything.
    if (attachment.attachmentId === undefined)
      return protocolFailure(
        'GetAttachment',
        'GetAttachment answered an attachment without its AttachmentId',
      );
    return { ok: true, value: attachment };
  });
}
