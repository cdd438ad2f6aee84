import { readFileSync } from 'node:fs';
import type { ExchangeVersion } from '../../src/index.js';
import { pick, rootOf, type XmlNode } from './xml.js';

const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

/** A CreateItem request as a client sends it, with `itemsXml` inside m:Items. */
export function createItemEnvelope(itemsXml: string, version: ExchangeVersion, folder = 'drafts'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Header>` +
    `<t:RequestServerVersion Version="${version}"/></s:Header><s:Body>` +
    `<m:CreateItem MessageDisposition="SaveOnly" SendMeetingInvitations="SendToNone">` +
    `<m:SavedItemFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SavedItemFolderId>` +
    `<m:Items>${itemsXml}</m:Items></m:CreateItem></s:Body></s:Envelope>`
  );
}

/** A CreateFolder request with `foldersXml` inside m:Folders. */
export function createFolderEnvelope(foldersXml: string, version: ExchangeVersion): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Header>` +
    `<t:RequestServerVersion Version="${version}"/></s:Header><s:Body><m:CreateFolder>` +
    `<m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId>` +
    `<m:Folders>${foldersXml}</m:Folders></m:CreateFolder></s:Body></s:Envelope>`
  );
}

/** A GetItem request for one item with `shapeXml` (an `<m:ItemShape>`). */
export function getItemRequestEnvelope(shapeXml: string, version: ExchangeVersion): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Header>` +
    `<t:RequestServerVersion Version="${version}"/></s:Header><s:Body><m:GetItem>${shapeXml}` +
    `<m:ItemIds><t:ItemId Id="AAMkAD"/></m:ItemIds></m:GetItem></s:Body></s:Envelope>`
  );
}

/** A GetItem response as Exchange writes it, with `itemsXml` inside m:Items. */
export function getItemResponseEnvelope(itemsXml: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Body><m:GetItemResponse>` +
    `<m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success">` +
    `<m:ResponseCode>NoError</m:ResponseCode><m:Items>${itemsXml}</m:Items>` +
    `</m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>`
  );
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** The parsed m:Items element of a GetItem response or CreateItem request. */
export function itemsNode(envelopeXml: string, operation: 'GetItemResponse' | 'CreateItem'): XmlNode {
  const op = pick(pick(rootOf(envelopeXml, 'Envelope'), 'Body'), operation);
  if (operation === 'CreateItem') return pick(op, 'Items');
  return pick(pick(pick(op, 'ResponseMessages'), 'GetItemResponseMessage'), 'Items');
}
