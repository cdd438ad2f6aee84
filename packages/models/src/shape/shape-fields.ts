import { invalidArgument } from '../errors.js';
import {
  checkPathVersion,
  isPropertyPath,
  modelField,
  type PropertyPath,
  pathKey,
  type ResolvedPath,
  resolveField,
} from '../query/property-path.js';
import type { FieldName, Model } from '../schema/define-model.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import { dictionaryEntries } from './dictionary-fields.js';

/** A model field by name, or an indexed / extended property. */
export type ShapeField<M extends Model> = FieldName<M> | PropertyPath;

/**
 * Resolves shape / sort fields: unknown names, fields without a FieldURI and fields newer than
 * the target version are refused. Returns the paths deduplicated, in the caller's order.
 */
export function resolveFields(
  model: Model,
  fields: readonly unknown[],
  version: ExchangeVersion,
  purpose: string,
): { readonly path: ResolvedPath; readonly complex: boolean }[] {
  if (!Array.isArray(fields)) throw invalidArgument(`${purpose}: fields must be an array`);
  const seen = new Set<string>();
  const out: { path: ResolvedPath; complex: boolean }[] = [];
  for (const entry of fields) {
    let path: ResolvedPath;
    let complex = false;
    if (isPropertyPath(entry)) path = entry;
    else if (typeof entry === 'string') {
      const def = modelField(model, entry, purpose);
      const entries = dictionaryEntries(def.fieldUri);
      if (entries !== undefined) {
        // No shape path names a whole dictionary: a shape asks for each entry, a sort is refused.
        if (purpose !== 'ItemShape' && purpose !== 'FolderShape')
          throw invalidArgument(
            `${purpose}: ${entry} is a dictionary; name one entry, e.g. indexedField('${def.fieldUri}', …)`,
          );
        for (const indexed of entries) {
          checkPathVersion(indexed, version, purpose);
          const key = pathKey(indexed);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ path: indexed, complex: def.flags.complex });
        }
        continue;
      }
      path = resolveField(def);
      complex = def.flags.complex;
    } else throw invalidArgument(`${purpose}: a field name or property path is required`);
    checkPathVersion(path, version, purpose);
    const key = pathKey(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, complex });
  }
  return out;
}
