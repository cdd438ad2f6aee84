import type { ExchangeVersion } from '../../src/index.js';

const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

function envelope(version: ExchangeVersion, body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope ${NS}><s:Header>` +
    `<t:RequestServerVersion Version="${version}"/></s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

export interface FindParts {
  readonly shape?: string;
  readonly view?: string;
  readonly restriction?: string;
  readonly sortOrder?: string;
  readonly queryString?: string;
  readonly folder?: string;
}

/** A FindItem request in schema order: ItemShape, view, Restriction, SortOrder, ParentFolderIds, QueryString. */
export function findItemEnvelope(version: ExchangeVersion, parts: FindParts): string {
  const shape = parts.shape ?? '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>';
  return envelope(
    version,
    `<m:FindItem Traversal="Shallow">${shape}${parts.view ?? ''}${parts.restriction ?? ''}${parts.sortOrder ?? ''}` +
      `<m:ParentFolderIds><t:DistinguishedFolderId Id="${parts.folder ?? 'inbox'}"/></m:ParentFolderIds>` +
      `${parts.queryString ?? ''}</m:FindItem>`,
  );
}

/** A FindFolder request: FolderShape, view, Restriction, ParentFolderIds. */
export function findFolderEnvelope(version: ExchangeVersion, parts: FindParts): string {
  const shape = parts.shape ?? '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>';
  return envelope(
    version,
    `<m:FindFolder Traversal="Shallow">${shape}${parts.view ?? ''}${parts.restriction ?? ''}` +
      `<m:ParentFolderIds><t:DistinguishedFolderId Id="${parts.folder ?? 'msgfolderroot'}"/></m:ParentFolderIds></m:FindFolder>`,
  );
}

/** A GetItem request with the given ItemShape. */
export function getItemEnvelope(version: ExchangeVersion, shape: string): string {
  return envelope(version, `<m:GetItem>${shape}<m:ItemIds><t:ItemId Id="AAMkAGI="/></m:ItemIds></m:GetItem>`);
}
