import { children, EwsInvalidArgumentError, type EwsResponse, type XmlNode } from '@ews/core';
import { type Folder, FolderModel, fromCoreNode, fromXml } from '@ews/models';
import { type FolderRef, folderIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { readOutcomes } from '../internal/outcomes.js';

export type FolderBaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export function folderShapeXml(baseShape: FolderBaseShape): string {
  return `<m:FolderShape><t:BaseShape>${baseShape}</t:BaseShape></m:FolderShape>`;
}

export interface GetFolderParams {
  readonly folders: readonly FolderRef[];
  readonly baseShape?: FolderBaseShape | undefined;
}

export function buildGetFolder(params: GetFolderParams): string {
  if (params.folders.length === 0) throw new EwsInvalidArgumentError('GetFolder needs at least one folder');
  return `<m:GetFolder>${folderShapeXml(params.baseShape ?? 'AllProperties')}<m:FolderIds>${params.folders.map(folderIdXml).join('')}</m:FolderIds></m:GetFolder>`;
}

/** Any folder element (Folder, CalendarFolder, ContactsFolder…) read with the Folder fields. */
export function readFolderNode(node: XmlNode): Folder {
  return fromXml(FolderModel, fromCoreNode(node));
}

/** One outcome per requested folder, in request order. */
export function readGetFolder(response: EwsResponse): readonly Outcome<Folder>[] {
  return readOutcomes(response, 'GetFolder', (message): Outcome<Folder> => {
    const [folder] = children(children(message.node, 'Folders')[0]);
    return folder ? { ok: true, value: readFolderNode(folder) } : { ok: true, value: {} };
  });
}
