import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import {
  type StoredDictionaryEntry,
  type StoredDictionaryObject,
  type StoredUserConfiguration,
  userConfigurationKey,
} from '../store/user-configurations.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { resolveFolder } from './resolve-folder.js';

/*
 * User configuration objects (Get/Create/Update/DeleteUserConfiguration), kept per mailbox and
 * folder by name. The codes are Microsoft's for these operations: ErrorItemNotFound for a name the
 * folder does not hold, ErrorItemSave for a create whose name is taken, ErrorFolderNotFound (and the
 * other folder codes) for the folder.
 */

interface Located {
  readonly store: MailboxStore;
  readonly folderId: string;
  readonly folderChangeKey: string;
  readonly name: string;
  readonly key: string;
}

function locate(ctx: OperationContext, nameEl: XmlElement | undefined): Located {
  const name = nameEl?.attrs.Name ?? '';
  const folderEl = nameEl?.children.find((c) => c.name === 'FolderId' || c.name === 'DistinguishedFolderId');
  if (folderEl === undefined) {
    // t:AddressListId: an address list holds no configurations.
    throw new ResponseError('ErrorFolderNotFound', 'The specified folder could not be found in the store.');
  }
  const { store, folder } = resolveFolder(ctx, folderEl);
  return {
    store,
    folderId: folder.id,
    folderChangeKey: folder.changeKey,
    name,
    key: userConfigurationKey(folder.id, name),
  };
}

function notFound(name: string): ResponseError {
  return new ResponseError('ErrorItemNotFound', `The user configuration '${name}' was not found.`);
}

function isNil(node: XmlElement): boolean {
  const nil = node.attrs.nil ?? node.attrs['xsi:nil'];
  return nil === 'true' || nil === '1';
}

const BOOLEANS: Readonly<Record<string, string>> = {
  true: 'true',
  '1': 'true',
  false: 'false',
  '0': 'false',
};
const INTEGER = /^[+-]?\d+$/;
const INTEGER_TYPES = new Set(['Byte', 'Integer32', 'UnsignedInteger32', 'Integer64', 'UnsignedInteger64']);

/**
 * A typed object as Exchange keeps it: by its type, so it is answered in canonical form (a Boolean
 * sent as `1` is answered `true`, an integer without sign or leading zeros); a value its type cannot
 * hold is refused.
 */
function readObject(node: XmlElement): StoredDictionaryObject {
  const type = childText(node, 'Type')?.trim() ?? '';
  const values = childrenNamed(node, 'Value').map((v) => {
    if (type === 'Boolean') {
      const canonical = BOOLEANS[v.text.trim()];
      if (canonical === undefined) throw invalidValue(type);
      return canonical;
    }
    if (INTEGER_TYPES.has(type)) {
      if (!INTEGER.test(v.text.trim())) throw invalidValue(type);
      return BigInt(v.text.trim()).toString();
    }
    return v.text;
  });
  return { type, values };
}

function invalidValue(type: string): ResponseError {
  return new ResponseError('ErrorInvalidRequest', `A dictionary value is not a valid ${type}.`);
}

/** The dictionary as sent; a key given twice is refused (a dictionary keeps one value per key). */
function readDictionary(node: XmlElement | undefined): StoredDictionaryEntry[] | undefined {
  if (node === undefined) return undefined;
  const seen = new Set<string>();
  return childrenNamed(node, 'DictionaryEntry').map((entry) => {
    const keyEl = child(entry, 'DictionaryKey');
    const valueEl = child(entry, 'DictionaryValue');
    if (keyEl === undefined || valueEl === undefined)
      throw new ResponseError('ErrorInvalidRequest', 'A dictionary entry needs a key and a value.');
    const key = readObject(keyEl);
    const id = `${key.type}\u0000${key.values.join('\u0000')}`;
    if (seen.has(id)) throw new ResponseError('ErrorInvalidRequest', 'A dictionary key is given twice.');
    seen.add(id);
    return { key, value: isNil(valueEl) ? null : readObject(valueEl) };
  });
}

function objectXml(name: string, object: StoredDictionaryObject | null): XmlFragment {
  if (object === null)
    return el(name, { 'xsi:nil': 'true', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' });
  return el(
    name,
    null,
    textEl('t:Type', object.type),
    object.values.map((v) => el('t:Value', null, v)),
  );
}

function dictionaryXml(entries: readonly StoredDictionaryEntry[]): XmlFragment {
  return el(
    't:Dictionary',
    null,
    entries.map((e) =>
      el(
        't:DictionaryEntry',
        null,
        objectXml('t:DictionaryKey', e.key),
        objectXml('t:DictionaryValue', e.value),
      ),
    ),
  );
}

/** The parts GetUserConfiguration's UserConfigurationProperties asks for (a list of names). */
function wanted(text: string | undefined): ReadonlySet<string> {
  const names = new Set((text ?? '').trim().split(/\s+/));
  if (names.has('All')) return new Set(['Id', 'Dictionary', 'XmlData', 'BinaryData']);
  return names;
}

function configurationXml(
  found: StoredUserConfiguration,
  parts: ReadonlySet<string>,
  located: Located,
): XmlContent {
  return el(
    'm:UserConfiguration',
    null,
    el(
      't:UserConfigurationName',
      { Name: found.name },
      el('t:FolderId', { Id: located.folderId, ChangeKey: located.folderChangeKey }),
    ),
    parts.has('Id') ? el('t:ItemId', { Id: found.itemId, ChangeKey: found.changeKey }) : undefined,
    parts.has('Dictionary') && found.dictionary !== undefined ? dictionaryXml(found.dictionary) : undefined,
    parts.has('XmlData') && found.xmlData !== undefined ? textEl('t:XmlData', found.xmlData) : undefined,
    parts.has('BinaryData') && found.binaryData !== undefined
      ? textEl('t:BinaryData', found.binaryData)
      : undefined,
  );
}

export const getUserConfiguration: OperationHandler = (ctx, request) => {
  const message = messageFor('GetUserConfigurationResponseMessage', () => {
    const located = locate(ctx, child(request, 'UserConfigurationName'));
    const found = located.store.userConfigurations.get(located.key);
    if (found === undefined) throw notFound(located.name);
    return configurationXml(found, wanted(childText(request, 'UserConfigurationProperties')), located);
  });
  return operationResponse('GetUserConfiguration', [message]);
};

/** Base64 text of XmlData/BinaryData, whitespace removed (the schema's base64Binary collapses it). */
function base64Of(node: XmlElement | undefined): string | undefined {
  return node === undefined ? undefined : node.text.replace(/\s+/g, '');
}

export const createUserConfiguration: OperationHandler = (ctx, request) => {
  const message = messageFor('CreateUserConfigurationResponseMessage', () => {
    const configuration = child(request, 'UserConfiguration');
    const located = locate(ctx, child(configuration, 'UserConfigurationName'));
    if (located.store.userConfigurations.has(located.key))
      throw new ResponseError(
        'ErrorItemSave',
        `A user configuration named '${located.name}' already exists.`,
      );
    located.store.userConfigurations.set(located.key, {
      name: located.name,
      folderId: located.folderId,
      itemId: located.store.newItemId(),
      changeKey: located.store.newChangeKey(),
      dictionary: readDictionary(child(configuration, 'Dictionary')),
      xmlData: base64Of(child(configuration, 'XmlData')),
      binaryData: base64Of(child(configuration, 'BinaryData')),
    });
    return undefined;
  });
  return operationResponse('CreateUserConfiguration', [message]);
};

/** UpdateUserConfiguration: each part sent replaces the stored one; parts not sent stay. */
export const updateUserConfiguration: OperationHandler = (ctx, request) => {
  const message = messageFor('UpdateUserConfigurationResponseMessage', () => {
    const configuration = child(request, 'UserConfiguration');
    const located = locate(ctx, child(configuration, 'UserConfigurationName'));
    const found = located.store.userConfigurations.get(located.key);
    if (found === undefined) throw notFound(located.name);
    const dictionary = readDictionary(child(configuration, 'Dictionary'));
    if (dictionary !== undefined) found.dictionary = dictionary;
    found.xmlData = base64Of(child(configuration, 'XmlData')) ?? found.xmlData;
    found.binaryData = base64Of(child(configuration, 'BinaryData')) ?? found.binaryData;
    found.changeKey = located.store.newChangeKey();
    return undefined;
  });
  return operationResponse('UpdateUserConfiguration', [message]);
};

export const deleteUserConfiguration: OperationHandler = (ctx, request) => {
  const message = messageFor('DeleteUserConfigurationResponseMessage', () => {
    const located = locate(ctx, child(request, 'UserConfigurationName'));
    if (!located.store.userConfigurations.delete(located.key)) throw notFound(located.name);
    return undefined;
  });
  return operationResponse('DeleteUserConfiguration', [message]);
};
