import { createHash } from 'node:crypto';
import type { DirectoryMailbox } from '../directory/directory.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

/** t:UserPhotoSizeType → the photo's width and height in pixels (HRnxN is square; HR1024xN keeps the aspect). */
const SIZES: Readonly<Record<string, number>> = {
  HR48x48: 48,
  HR64x64: 64,
  HR96x96: 96,
  HR120x120: 120,
  HR240x240: 240,
  HR360x360: 360,
  HR432x432: 432,
  HR504x504: 504,
  HR648x648: 648,
  HR1024xN: 1024,
  HR1920xN: 1920,
};

/**
 * The mailbox's photo at `size` pixels: a GIF whose logical screen is size × size, coloured by the
 * address, so every person and size has bytes of its own (and a reader can check the size it got).
 */
export function photoBytes(mailbox: DirectoryMailbox, size: number): Buffer {
  const [r = 0, g = 0, b = 0] = createHash('sha256').update(mailbox.address.toLowerCase()).digest();
  const le16 = (n: number) => [n & 0xff, n >> 8];
  return Buffer.from([
    ...Buffer.from('GIF89a'),
    ...le16(size),
    ...le16(size),
    0x80, // a global colour table of two colours
    0x00,
    0x00,
    r,
    g,
    b,
    0xff,
    0xff,
    0xff,
    0x2c, // one 1×1 image at the top left
    0x00,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0x02,
    0x02,
    0x44,
    0x01,
    0x00,
    0x3b,
  ]);
}

/** The photo's entity tag: changes whenever its bytes do. */
function entityTag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
}

/** If-None-Match values (a list, maybe weak, maybe `*`) against the current tag. */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((v) => v.trim().replace(/^W\//, ''))
    .some((v) => v === '*' || v === tag || `"${v}"` === tag);
}

function photoResponse(responseClass: 'Success' | 'Error', content: XmlContent) {
  return el(
    'm:GetUserPhotoResponse',
    { ResponseClass: responseClass, 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    content,
  );
}

/**
 * GetUserPhoto (SOAP): the photo of the mailbox named by Email at SizeRequested, with its ETag in
 * the HTTP reply. As Exchange does (and the EWS Managed API expects): If-None-Match naming the
 * current ETag gets HTTP 304 Not Modified, and a user without a photo (or no such user) HTTP 404.
 */
export const getUserPhoto: OperationHandler = (ctx, request) => {
  const email = childText(request, 'Email')?.trim() ?? '';
  const size = SIZES[childText(request, 'SizeRequested')?.trim() ?? ''];
  if (size === undefined) {
    const error = new ResponseError('ErrorInvalidArgument', 'SizeRequested is not a photo size.');
    return photoResponse('Error', errorParts(error, textEl('m:HasChanged', false)));
  }
  const mailbox = ctx.state.mailbox(email);
  if (mailbox === undefined || mailbox.hasPhoto !== true) {
    if (ctx.http !== undefined) ctx.http.replyStatus = 404;
    const error = new ResponseError('ErrorItemNotFound', 'The photo was not found.');
    return photoResponse('Error', errorParts(error, textEl('m:HasChanged', false)));
  }
  const bytes = photoBytes(mailbox, size);
  const tag = entityTag(bytes);
  if (ctx.http !== undefined) {
    ctx.http.replyHeaders.ETag = tag;
    if (matches(ctx.http.ifNoneMatch, tag)) ctx.http.replyStatus = 304;
  }
  return photoResponse(
    'Success',
    successParts(textEl('m:HasChanged', true), textEl('m:PictureData', bytes.toString('base64'))),
  );
};
