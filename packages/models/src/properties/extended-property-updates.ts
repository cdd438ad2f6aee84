import { el, type XmlFragment } from '@ews/core';
import { writeModelElement } from '../codec/model-codec.js';
import { invalidArgument } from '../errors.js';
import { TYPES_PREFIX } from '../kinds/kind.js';
import { extendedFieldKey } from '../query/extended-field-identity.js';
import { type ExtendedFieldPath, extendedField, pathXml } from '../query/property-path.js';
import type { Model } from '../schema/define-model.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import type { ExtendedProperty } from './extended-property.js';

export interface ExtendedPropertyUpdateOptions {
  readonly version: ExchangeVersion;
}

/** SetItemField / DeleteItemField for items, SetFolderField / DeleteFolderField for folders. */
function changeElement(model: Model, verb: 'Set' | 'Delete'): string {
  if (model.byName.get('extendedProperties')?.xmlName !== 'ExtendedProperty')
    throw invalidArgument(`${model.name} has no extended properties`);
  return `${TYPES_PREFIX}${verb}${model.xmlName.endsWith('Folder') ? 'Folder' : 'Item'}Field`;
}

function checkedPath(path: ExtendedFieldPath, purpose: string): ExtendedFieldPath {
  if (path?.type !== 'extended') throw invalidArgument(`${purpose}: the path is not from extendedField()`);
  const { type: _type, ...spec } = path;
  return extendedField(spec);
}

/**
 * The UpdateItem / UpdateFolder change that sets one extended property:
 * `<t:SetItemField><t:ExtendedFieldURI …/><t:Message><t:ExtendedProperty>…</t:ExtendedProperty></t:Message></t:SetItemField>`.
 * The element inside is the model's (Message, CalendarItem, Folder, …), as the schema asks.
 */
export function setExtendedPropertyXml(
  model: Model,
  property: ExtendedProperty,
  options: ExtendedPropertyUpdateOptions,
): XmlFragment {
  const qname = changeElement(model, 'Set');
  if (!isExchangeVersion(options?.version))
    throw invalidArgument('setExtendedPropertyXml: options.version is not an Exchange version');
  const path = checkedPath(property?.path, 'setExtendedPropertyXml');
  const element = writeModelElement(
    model,
    TYPES_PREFIX + model.xmlName,
    { extendedProperties: [property] },
    { version: options.version, mode: 'create' },
    model.xmlName,
  );
  return el(qname, {}, [pathXml(path), element]);
}

/** The change that deletes one extended property: `<t:DeleteItemField><t:ExtendedFieldURI …/></t:DeleteItemField>`. */
export function deleteExtendedPropertyXml(model: Model, path: ExtendedFieldPath): XmlFragment {
  const qname = changeElement(model, 'Delete');
  return el(qname, {}, pathXml(checkedPath(path, 'deleteExtendedPropertyXml')));
}

/**
 * Refuses (EWS_INVALID_ARGUMENT) a list of changes that names one property twice, in whatever
 * form (`PublicStrings` and `00020329-…`, `0x1000` and `4096`): Exchange would apply one of them
 * or fail the whole item change. Call it with every path one ItemChange sets or deletes.
 */
export function checkDistinctExtendedFields(paths: readonly ExtendedFieldPath[], purpose: string): void {
  const seen = new Map<string, number>();
  paths.forEach((path, index) => {
    const key = extendedFieldKey(checkedPath(path, purpose));
    const first = seen.get(key);
    if (first !== undefined) {
      throw invalidArgument(`${purpose}: entries ${first} and ${index} name the same extended property`);
    }
    seen.set(key, index);
  });
}
