import {
  boundedServerText,
  child,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  MAX_SERVER_NAME_LENGTH,
  type XmlFragment,
} from '@ews/core';
import { base64 } from '@ews/models';
import { targetFolderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import {
  dictionaryXml,
  readDictionary,
  type UserConfigurationEntry,
} from '../mailbox/user-configuration-values.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import { itemRefOf } from './item-id-results.js';

/** What GetUserConfiguration returns (t:UserConfigurationPropertyType). */
export type UserConfigurationProperty = 'Id' | 'Dictionary' | 'XmlData' | 'BinaryData' | 'All';
const PROPERTIES: ReadonlySet<string> = new Set(['Id', 'Dictionary', 'XmlData', 'BinaryData', 'All']);

/** A user configuration object: its name, item id and the parts asked for. */
export interface UserConfiguration {
  readonly name: string;
  readonly itemId: ItemRef | undefined;
  readonly dictionary: readonly UserConfigurationEntry[] | undefined;
  readonly xmlData: Uint8Array | undefined;
  readonly binaryData: Uint8Array | undefined;
}

/** What a create or update writes; a part left out is not written (an update leaves it as it is). */
export interface UserConfigurationData {
  readonly dictionary?: readonly UserConfigurationEntry[] | undefined;
  /** The XML document (a string is sent as UTF-8). */
  readonly xmlData?: Uint8Array | string | undefined;
  readonly binaryData?: Uint8Array | undefined;
}

/** A configuration's name and folder (t:UserConfigurationNameType). */
export interface UserConfigurationName {
  readonly name: string;
  readonly folder: MailboxFolderRef;
}

function nameXml(element: string, target: UserConfigurationName, operation: string): XmlFragment {
  const { name } = target;
  if (typeof name !== 'string' || name.trim() === '')
    throw new EwsInvalidArgumentError(`${operation}: a user configuration needs a non-empty name`);
  return el(element, { Name: name }, targetFolderIdXml(target.folder, operation));
}

function bytesOf(value: Uint8Array | string, what: string): Uint8Array {
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof Uint8Array) return value;
  throw new EwsInvalidArgumentError(`${what} is a Uint8Array${what === 'xmlData' ? ' or a string' : ''}`);
}

function configurationXml(
  target: UserConfigurationName,
  data: UserConfigurationData,
  operation: string,
): XmlFragment {
  if (typeof data !== 'object' || data === null)
    throw new EwsInvalidArgumentError(`${operation}: expected { dictionary, xmlData, binaryData }`);
  const parts = [
    nameXml('t:UserConfigurationName', target, operation),
    data.dictionary === undefined ? undefined : dictionaryXml(data.dictionary),
    data.xmlData === undefined
      ? undefined
      : el('t:XmlData', {}, base64.toText(bytesOf(data.xmlData, 'xmlData'))),
    data.binaryData === undefined
      ? undefined
      : el('t:BinaryData', {}, base64.toText(bytesOf(data.binaryData, 'binaryData'))),
  ];
  return el('m:UserConfiguration', {}, parts);
}

export function buildGetUserConfiguration(
  target: UserConfigurationName,
  properties: readonly UserConfigurationProperty[] = ['All'],
): XmlFragment {
  if (!Array.isArray(properties) || properties.length === 0 || properties.some((p) => !PROPERTIES.has(p)))
    throw new EwsInvalidArgumentError(
      'GetUserConfiguration: properties is a non-empty list of Id, Dictionary, XmlData, BinaryData, All',
    );
  return el('m:GetUserConfiguration', {}, [
    nameXml('m:UserConfigurationName', target, 'GetUserConfiguration'),
    el('m:UserConfigurationProperties', {}, [...new Set(properties)].join(' ')),
  ]);
}

export function buildCreateUserConfiguration(
  target: UserConfigurationName,
  data: UserConfigurationData,
): XmlFragment {
  return el('m:CreateUserConfiguration', {}, configurationXml(target, data, 'CreateUserConfiguration'));
}

export function buildUpdateUserConfiguration(
  target: UserConfigurationName,
  data: UserConfigurationData,
): XmlFragment {
  return el('m:UpdateUserConfiguration', {}, configurationXml(target, data, 'UpdateUserConfiguration'));
}

export function buildDeleteUserConfiguration(target: UserConfigurationName): XmlFragment {
  return el(
    'm:DeleteUserConfiguration',
    {},
    nameXml('m:UserConfigurationName', target, 'DeleteUserConfiguration'),
  );
}

const OPERATION = 'GetUserConfiguration';

/**
 * The configuration of a GetUserConfiguration answer: exactly one message, carrying the
 * UserConfiguration it names; a configuration named otherwise than asked is refused (EWS_PROTOCOL),
 * never handed over as the one asked for.
 */
export function readGetUserConfiguration(response: EwsResponse, askedName: string): UserConfiguration {
  const message = onlyMessage(response);
  const node = requiredChild(message.node, 'UserConfiguration', OPERATION);
  const nameNode = requiredChild(node, 'UserConfigurationName', OPERATION);
  const name = nameNode.attributes.Name;
  if (name === undefined || name.toLowerCase() !== askedName.toLowerCase())
    throw new EwsProtocolError(
      `${OPERATION}: '${askedName}' was asked for, '${boundedServerText(name ?? '', MAX_SERVER_NAME_LENGTH)}' answered`,
      { operation: OPERATION },
    );
  const idNode = child(node, 'ItemId');
  const itemId = idNode === undefined ? undefined : itemRefOf(idNode);
  if (idNode !== undefined && itemId === undefined)
    throw new EwsProtocolError(`${OPERATION}: an ItemId without its Id`, { operation: OPERATION });
  const dictionaryNode = child(node, 'Dictionary');
  const bytes = (element: string) => {
    const found = child(node, element);
    return found === undefined ? undefined : base64.fromText(found.text, `${OPERATION}.${element}`);
  };
  return {
    name,
    itemId,
    dictionary:
      dictionaryNode === undefined ? undefined : readDictionary(dictionaryNode, `${OPERATION}.Dictionary`),
    xmlData: bytes('XmlData'),
    binaryData: bytes('BinaryData'),
  };
}

/** Create, update and delete answer one message with nothing in it: its error is thrown. */
export function readUserConfigurationWrite(response: EwsResponse): void {
  onlyMessage(response);
}
