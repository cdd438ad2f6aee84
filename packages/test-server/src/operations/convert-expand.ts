import { messageFor, operationResponse } from '../soap/response-messages.js';
import { decodeId } from '../store/mailbox-store.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

type IdFormat = 'EwsLegacyId' | 'EwsId' | 'EntryId' | 'HexEntryId' | 'StoreId' | 'OwaId';

// Our EWS ids wrap a plain key ("ews-test:…"); the MAPI-style formats carry the same key differently.
const ID_CODECS: Readonly<
  Record<IdFormat, { encode: (key: Buffer) => string; decode: (id: string) => Buffer }>
> = {
  EwsId: {
    encode: (k) => `AAMkAD${k.toString('base64')}`,
    decode: (id) => Buffer.from(id.slice(6), 'base64'),
  },
  EwsLegacyId: {
    encode: (k) => `AAMkAD${k.toString('base64')}`,
    decode: (id) => Buffer.from(id.slice(6), 'base64'),
  },
  EntryId: { encode: (k) => k.toString('base64'), decode: (id) => Buffer.from(id, 'base64') },
  StoreId: { encode: (k) => k.toString('base64'), decode: (id) => Buffer.from(id, 'base64') },
  HexEntryId: { encode: (k) => k.toString('hex').toUpperCase(), decode: (id) => Buffer.from(id, 'hex') },
  OwaId: {
    encode: (k) => k.toString('base64url'),
    decode: (id) => Buffer.from(id, 'base64url'),
  },
};

function isFormat(value: string | undefined): value is IdFormat {
  return value !== undefined && value in ID_CODECS;
}

/** ConvertId between the id formats, for ids of this server's items and folders. */
export const convertId: OperationHandler = (ctx, request) => {
  const destination = request.attrs.DestinationFormat;
  const messages = (child(request, 'SourceIds')?.children ?? []).map((source) =>
    messageFor('ConvertIdResponseMessage', () => {
      const format = source.attrs.Format;
      if (!isFormat(format) || !isFormat(destination)) {
        throw new ResponseError('ErrorInvalidIdMalformed', 'Id is malformed.');
      }
      const key = ID_CODECS[format].decode(source.attrs.Id ?? '');
      const ewsId = ID_CODECS.EwsId.encode(key);
      const decoded = decodeId(ewsId);
      if (decoded === undefined || !key.toString('utf8').startsWith('ews-test:')) {
        throw new ResponseError('ErrorInvalidIdMalformed', 'Id is malformed.');
      }
      const store = ctx.state.storeForId(ewsId);
      const mailbox = store?.owner.address ?? source.attrs.Mailbox ?? '';
      return el('m:AlternateId', {
        'xsi:type': 't:AlternateIdType',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        Format: destination,
        Id: ID_CODECS[destination].encode(key),
        Mailbox: mailbox,
      });
    }),
  );
  return operationResponse('ConvertId', messages);
};

/** ExpandDL: public lists by address and private lists by ItemId (see expand-dl.ts). */
export { expandDL } from './expand-dl.js';
