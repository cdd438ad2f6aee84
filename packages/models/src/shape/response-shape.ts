import { el, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { pathKey, pathXml } from '../query/property-path.js';
import type { FieldName, Model } from '../schema/define-model.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { resolveFields, type ShapeField } from './shape-fields.js';

/** t:DefaultShapeNamesType. */
export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';
const BASE_SHAPES: readonly BaseShape[] = ['IdOnly', 'Default', 'AllProperties'];

/** t:BodyTypeResponseType. */
export type BodyTypeResponse = 'Best' | 'HTML' | 'Text';
const BODY_TYPES: readonly BodyTypeResponse[] = ['Best', 'HTML', 'Text'];

export interface ShapeOptions<M extends Model> {
  readonly version: ExchangeVersion;
  /** Default `IdOnly`. */
  readonly baseShape?: BaseShape;
  /** Written as AdditionalProperties, sorted by FieldURI (as exchangelib does) and deduplicated. */
  readonly fields?: readonly ShapeField<M>[];
  /**
   * `FindItem`/`FindFolder`: fields the find operation cannot return (the `complex` flag: Body,
   * Categories, MimeContent, …) are left out and listed in `complexFields`; fetch them with
   * GetItem. Default `GetItem`: every field is requested.
   */
  readonly operation?: 'FindItem' | 'GetItem' | 'FindFolder' | 'GetFolder';
}

export interface ItemShapeOptions<M extends Model> extends ShapeOptions<M> {
  readonly bodyType?: BodyTypeResponse;
}

export interface ShapeResult<M extends Model> {
  /** One `<m:ItemShape>` / `<m:FolderShape>` element. */
  readonly xml: XmlFragment;
  /** Requested fields that were left out because the find operation cannot return them. */
  readonly complexFields: readonly FieldName<M>[];
  /**
   * The property paths of `xml`'s AdditionalProperties (t:FieldURI, t:IndexedFieldURI,
   * t:ExtendedFieldURI), one element each in the order written: for a caller that merges shapes.
   */
  readonly paths: readonly XmlFragment[];
}

function shapeXml<M extends Model>(
  element: 'ItemShape' | 'FolderShape',
  model: M,
  options: ShapeOptions<M>,
  extra: XmlFragment | undefined,
): ShapeResult<M> {
  if (!isExchangeVersion(options.version))
    throw invalidArgument(`${element}: options.version is not an Exchange version`);
  const baseShape = options.baseShape ?? 'IdOnly';
  if (!BASE_SHAPES.includes(baseShape)) throw invalidArgument(`${element}: unknown baseShape`);
  const finding = options.operation === 'FindItem' || options.operation === 'FindFolder';
  const resolved = resolveFields(model, options.fields ?? [], options.version, element);
  const complexFields: FieldName<M>[] = [];
  const kept: string[] = [];
  for (const { path, complex } of resolved) {
    if (finding && complex && path.type === 'field') complexFields.push(path.name as FieldName<M>);
    else kept.push(pathKey(path));
  }
  const byKey = new Map(resolved.map(({ path }) => [pathKey(path), path]));
  kept.sort();
  const paths = kept.map((key) => pathXml(byKey.get(key)!));
  const additional = paths.length === 0 ? undefined : el('t:AdditionalProperties', {}, paths);
  return Object.freeze({
    xml: el(`m:${element}`, {}, [el('t:BaseShape', {}, baseShape), extra, additional]),
    complexFields: Object.freeze(complexFields),
    paths: Object.freeze(paths),
  });
}

/** `<m:ItemShape>` for FindItem / GetItem. */
export function itemShape<M extends Model>(model: M, options: ItemShapeOptions<M>): ShapeResult<M> {
  const { bodyType } = options;
  if (bodyType !== undefined && !BODY_TYPES.includes(bodyType))
    throw invalidArgument('ItemShape: unknown bodyType');
  return shapeXml(
    'ItemShape',
    model,
    options,
    bodyType === undefined ? undefined : el('t:BodyType', {}, bodyType),
  );
}

/** `<m:FolderShape>` for FindFolder / GetFolder. */
export function folderShape<M extends Model>(model: M, options: ShapeOptions<M>): ShapeResult<M> {
  return shapeXml('FolderShape', model, options, undefined);
}
