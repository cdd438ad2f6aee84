import {
  child,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { base64, boolean } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';

/** t:UserPhotoSizeType: square sizes in pixels, and two wide ones (HR1024xN, HR1920xN). */
export const USER_PHOTO_SIZES = [
  'HR48x48',
  'HR64x64',
  'HR96x96',
  'HR120x120',
  'HR240x240',
  'HR360x360',
  'HR432x432',
  'HR504x504',
  'HR648x648',
  'HR1024xN',
  'HR1920xN',
] as const;
export type UserPhotoSize = (typeof USER_PHOTO_SIZES)[number];

/**
 * What GetUserPhoto gave: the photo (with the ETag to send next time), `notModified` when the
 * ETag sent still names the current photo (HTTP 304, or HasChanged false), or `notFound` when the
 * user has no photo or there is no such user (HTTP 404, as the EWS Managed API reads it).
 */
export type UserPhoto =
  | {
      readonly status: 'photo';
      readonly notModified: false;
      readonly data: Uint8Array;
      readonly etag: string | undefined;
    }
  | { readonly status: 'notModified'; readonly notModified: true; readonly etag: string }
  | { readonly status: 'notFound'; readonly notModified: false };

export function buildGetUserPhoto(email: string, size: UserPhotoSize): XmlFragment {
  if (typeof email !== 'string' || email.trim() === '')
    throw new EwsInvalidArgumentError('getUserPhoto needs the email address of the user');
  if (!(USER_PHOTO_SIZES as readonly string[]).includes(size))
    throw new EwsInvalidArgumentError(`getUserPhoto: size must be one of ${USER_PHOTO_SIZES.join(', ')}`);
  return el('m:GetUserPhoto', {}, [el('m:Email', {}, email), el('m:SizeRequested', {}, size)]);
}

/** An ETag is a short quoted token (RFC 9110): anything else is not one we would send back. */
const ETAG = /^(?:W\/)?"[\x21\x23-\x7e]{0,256}"$/;

/** The answer's ETag header, checked; undefined when the server sent none. */
export function entityTagOf(headers: EwsResponse['headers'], operation: string): string | undefined {
  const value = headers?.etag;
  if (value === undefined) return undefined;
  const one = typeof value === 'string' ? value : value.length === 1 ? value[0] : undefined;
  if (one === undefined || !ETAG.test(one.trim()))
    throw new EwsProtocolError(`${operation} answered an ETag header that is not one quoted entity tag`, {
      operation,
    });
  return one.trim();
}

function booleanOf(node: XmlNode): boolean {
  return boolean.fromText(node.text.trim(), 'GetUserPhoto HasChanged');
}

/**
 * GetUserPhotoResponse (ResponseClass on the element itself): HasChanged is required; a changed
 * photo must carry its PictureData (strict base64). HasChanged false is "not modified", which only
 * makes sense as the answer to an ETag the request sent.
 */
export function readGetUserPhoto(response: EwsResponse, sentEtag: string | undefined): UserPhoto {
  const message = onlyMessage(response);
  const changed = booleanOf(requiredChild(message.node, 'HasChanged', 'GetUserPhoto'));
  const etag = entityTagOf(response.headers, 'GetUserPhoto');
  const fail = (text: string) => new EwsProtocolError(`GetUserPhoto ${text}`, { operation: 'GetUserPhoto' });
  if (!changed) {
    if (sentEtag === undefined) throw fail('answered HasChanged false, but no ETag was sent to compare with');
    return { status: 'notModified', notModified: true, etag: etag ?? sentEtag };
  }
  const picture = child(message.node, 'PictureData');
  if (picture === undefined) throw fail('answered HasChanged true without PictureData');
  const data = base64.fromText(picture.text.trim(), 'GetUserPhoto PictureData');
  if (data.byteLength === 0) throw fail('answered an empty PictureData');
  return { status: 'photo', notModified: false, data, etag };
}
