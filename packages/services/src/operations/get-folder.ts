import {
  child,
  children,
  EwsInvalidArgumentError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { type Folder, FolderModel, fromXml } from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import { fieldUriXml } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import type { FolderRef } from '../refs.js';
import { tooMany } from './item-id-results.js';

export type FolderBaseShape = 'IdOnly' | 'Default' | 'AllProperties';

export function folderShapeXml(baseShape: FolderBaseShape, additional: readonly string[] = []): XmlFragment {
  const extra =
    additional.length === 0 ? undefined : el('t:AdditionalProperties', {}, additional.map(fieldUriXml));
  return el('m:FolderShape', {}, [el('t:BaseShape', {}, baseShape), extra]);
}

export interface GetFolderParams {
  readonly folders: readonly FolderRef[];
  readonly baseShape?: FolderBaseShape | undefined;
  /** Field URIs to return besides the base shape, e.g. `folder:PermissionSet` (not in AllProperties). */
  readonly additionalProperties?: readonly string[] | undefined;
}

export function buildGetFolder(params: GetFolderParams): XmlFragment {
  if (params.folders.length === 0) throw new EwsInvalidArgumentError('GetFolder needs at least one folder');
  return el('m:GetFolder', {}, [
    folderShapeXml(params.baseShape ?? 'AllProperties', params.additionalProperties),
    el('m:FolderIds', {}, params.folders.map(folderIdXml)),
  ]);
}

/** Any folder element (Folder, CalendarFolder, ContactsFolder…) read with the Folder fields. */
export function readFolderNode(node: XmlNode): Folder {
  return fromXml(FolderModel, node);
}

/**
 * One outcome per requested folder, in request order (`sent`: how many folders the request
 * named). Each success names exactly one folder, with its FolderId.
 */
export function readGetFolder(response: EwsResponse, sent: number): readonly Outcome<Folder>[] {
  return readOutcomes(response, 'GetFolder', sent, (message): Outcome<Folder> => {
    const folders = children(child(message.node, 'Folders'));
    if (folders.length > 1) return tooMany('GetFolder', folders);
    const [folder] = folders;
    if (folder === undefined) return protocolFailure('GetFolder', 'GetFolder answered without the folder');
    const value = readFolderNode(folder);
    if (!value.folderId?.id)
      return protocolFailure('GetFolder', 'GetFolder answered a folder without its FolderId');
    return { ok: true, value };
  });
}
