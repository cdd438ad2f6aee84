import {
  child,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';

const OPERATION = 'ConvertId';
const XSI_TYPE = '{http://www.w3.org/2001/XMLSchema-instance}type';

/** t:IdFormatType: the id formats ConvertId converts between. */
export const ID_FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const;
export type IdFormat = (typeof ID_FORMATS)[number];

/** t:AlternateIdType: a mailbox item or folder id in `format`. */
export interface MailboxAlternateId {
  readonly type: 'AlternateId';
  readonly format: IdFormat;
  readonly id: string;
  /** The SMTP address of the mailbox the id belongs to. */
  readonly mailbox: string;
  /** The id is in the mailbox's archive. */
  readonly isArchive?: boolean | undefined;
}
/** t:AlternatePublicFolderIdType: a public folder id. */
export interface PublicFolderAlternateId {
  readonly type: 'AlternatePublicFolderId';
  readonly format: IdFormat;
  readonly folderId: string;
}
/** t:AlternatePublicFolderItemIdType: an item of a public folder. */
export interface PublicFolderItemAlternateId {
  readonly type: 'AlternatePublicFolderItemId';
  readonly format: IdFormat;
  readonly folderId: string;
  readonly itemId: string;
}
/** One of the schema's three alternate id forms (no change keys: ConvertId returns none). */
export type AlternateId = MailboxAlternateId | PublicFolderAlternateId | PublicFolderItemAlternateId;

export interface ConvertIdParams {
  readonly ids: readonly AlternateId[];
  /** DestinationFormat. */
  readonly to: IdFormat;
}

const isFormat = (value: unknown): value is IdFormat => ID_FORMATS.includes(value as IdFormat);

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new EwsInvalidArgumentError(`ConvertId: ${what} must be a non-empty string`);
  return value;
}

function sourceIdXml(id: AlternateId, index: number): XmlFragment {
  const where = `id ${index}`;
  if (typeof id !== 'object' || id === null)
    throw new EwsInvalidArgumentError(`ConvertId: ${where} is not an id`);
  if (!isFormat(id.format))
    throw new EwsInvalidArgumentError(`ConvertId: ${where}.format must be one of ${ID_FORMATS.join(', ')}`);
  switch (id.type) {
    case 'AlternateId': {
      return el('t:AlternateId', {
        Format: id.format,
        Id: nonEmpty(id.id, `${where}.id`),
        Mailbox: nonEmpty(id.mailbox, `${where}.mailbox`),
        IsArchive: id.isArchive === undefined ? undefined : id.isArchive === true,
      });
    }
    case 'AlternatePublicFolderId':
      return el('t:AlternatePublicFolderId', {
        Format: id.format,
        FolderId: nonEmpty(id.folderId, `${where}.folderId`),
      });
    case 'AlternatePublicFolderItemId':
      return el('t:AlternatePublicFolderItemId', {
        Format: id.format,
        FolderId: nonEmpty(id.folderId, `${where}.folderId`),
        ItemId: nonEmpty(id.itemId, `${where}.itemId`),
      });
    default:
      throw new EwsInvalidArgumentError(
        `ConvertId: ${where}.type must be AlternateId, AlternatePublicFolderId or AlternatePublicFolderItemId`,
      );
  }
}

/** `to`, when it is a format ConvertId knows; EWS_INVALID_ARGUMENT otherwise. */
export function destinationFormat(to: unknown): IdFormat {
  if (!isFormat(to))
    throw new EwsInvalidArgumentError(`ConvertId: to must be one of ${ID_FORMATS.join(', ')}`);
  return to;
}

export function buildConvertId(params: ConvertIdParams): XmlFragment {
  destinationFormat(params.to);
  if (!Array.isArray(params.ids) || params.ids.length === 0)
    throw new EwsInvalidArgumentError('ConvertId needs at least one id');
  return el(
    'm:ConvertId',
    { DestinationFormat: params.to },
    el('m:SourceIds', {}, params.ids.map(sourceIdXml)),
  );
}

function required(node: XmlNode, attribute: string): string {
  const value = node.attributes[attribute];
  if (value === undefined || value === '')
    throw new EwsProtocolError(`ConvertId: an AlternateId has no ${attribute}`, { operation: OPERATION });
  return value;
}

/** The AlternateId element of one answer, read by its xsi:type (the element is t:AlternateIdBaseType). */
function readAlternateId(node: XmlNode, to: IdFormat, asked: AlternateId): AlternateId {
  const fail = (why: string) => new EwsProtocolError(`ConvertId: ${why}`, { operation: OPERATION });
  const xsiType = node.attributes[XSI_TYPE];
  const type = xsiType?.slice(xsiType.indexOf(':') + 1).replace(/Type$/, '');
  const format = node.attributes.Format;
  if (format !== to) throw fail(`an id came back in another format than the ${to} asked for`);
  if (type !== asked.type)
    throw fail(`a ${asked.type} came back as ${type === undefined ? 'an untyped id' : 'another kind of id'}`);
  switch (asked.type) {
    case 'AlternateId': {
      const archive = node.attributes.IsArchive;
      return {
        type: 'AlternateId',
        format: to,
        id: required(node, 'Id'),
        mailbox: required(node, 'Mailbox'),
        ...(archive === undefined ? {} : { isArchive: archive === 'true' || archive === '1' }),
      };
    }
    case 'AlternatePublicFolderId':
      return { type: 'AlternatePublicFolderId', format: to, folderId: required(node, 'FolderId') };
    case 'AlternatePublicFolderItemId':
      return {
        type: 'AlternatePublicFolderItemId',
        format: to,
        folderId: required(node, 'FolderId'),
        itemId: required(node, 'ItemId'),
      };
  }
}

/**
 * One outcome per id sent, in order: the id in the destination format, or the server's error for
 * it. A success must carry an AlternateId of the kind sent, in the format asked for; anything else
 * fails that entry (EWS_PROTOCOL).
 */
export function readConvertId(
  response: EwsResponse,
  sent: readonly AlternateId[],
  to: IdFormat,
): readonly Outcome<AlternateId>[] {
  return readOutcomes(response, OPERATION, sent.length, (message, index): Outcome<AlternateId> => {
    const asked = sent[index] as AlternateId;
    const node = child(message.node, 'AlternateId');
    if (node === undefined)
      throw new EwsProtocolError('ConvertId: a successful answer has no AlternateId', {
        operation: OPERATION,
      });
    return { ok: true, value: readAlternateId(node, to, asked) };
  });
}
