import type { EwsResponse } from '@ews/core';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { FolderRef } from '../refs.js';
import { readRequiredIds } from './item-id-results.js';

/** A folder named by its id (what CreateFolder, UpdateFolder, MoveFolder and CopyFolder return). */
export type FolderIdRef = Extract<FolderRef, { readonly id: string }>;

/**
 * One outcome per requested folder, in request order, for operations answering
 * `<m:Folders><t:Folder><t:FolderId …/></t:Folder></m:Folders>`.
 */
export function readFolderIds(
  response: EwsResponse,
  operation: string,
  sent: number,
): readonly Outcome<FolderIdRef>[] {
  return readRequiredIds(
    response,
    operation,
    sent,
    { container: 'Folders', idElement: 'FolderId' },
    (ref) => ref,
  );
}

/** One outcome per requested folder for operations that answer with nothing but success. */
export function readFolderSuccess(
  response: EwsResponse,
  operation: string,
  sent: number,
): readonly Outcome<true>[] {
  return readOutcomes(response, operation, sent, () => ({ ok: true, value: true }));
}
